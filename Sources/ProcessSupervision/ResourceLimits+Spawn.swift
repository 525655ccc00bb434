import CSpawn

extension ResourceLimits {
    /// The rlimits in the form `krs_spawn` applies them: all but those the run's control groups
    /// enforce already.
    func spawnLimits(besides groups: RunControlGroups?) -> [krs_resource_limit] {
        let limits: [(krs_limit_resource, Int?)] = [
            (.KRS_LIMIT_CPU_SECONDS, cpuSeconds),
            (.KRS_LIMIT_ADDRESS_SPACE, groups?.memoryLimit == nil ? memoryBytes : nil),
            (.KRS_LIMIT_OPEN_FILES, openFiles),
            (.KRS_LIMIT_PROCESSES, groups?.limitsProcesses == true ? nil : processes),
            (.KRS_LIMIT_FILE_SIZE, fileSizeBytes),
        ]
        return limits.compactMap { resource, value in
            guard let value else { return nil }
            let amount = UInt64(max(value, 0))
            // At the CPU hard limit the kernel sends SIGKILL at once; one more second between
            // soft and hard lets SIGXCPU arrive first, so the run reports why it ended.
            let hard = resource == .KRS_LIMIT_CPU_SECONDS ? amount + 1 : amount
            return krs_resource_limit(resource: resource, soft: amount, hard: hard)
        }
    }
}
