import CSpawn
import Glibc

extension SpawnError {
    /// Classifies a failure reported by `krs_spawn`.
    init(step: krs_spawn_step, errno error: Int32) {
        let code: Code
        switch step {
        case .KRS_SPAWN_STEP_CONTROLLING_TERMINAL:
            code = .pseudoTerminal
        case .KRS_SPAWN_STEP_LIMITS:
            code = .limits
        case .KRS_SPAWN_STEP_WORKING_DIRECTORY:
            code = .workingDirectory
        case .KRS_SPAWN_STEP_NO_NEW_PRIVILEGES, .KRS_SPAWN_STEP_LANDLOCK, .KRS_SPAWN_STEP_SECCOMP:
            code = .confinement
        case .KRS_SPAWN_STEP_EXEC:
            switch error {
            case ENOENT, ENOTDIR: code = .executableNotFound
            case EACCES, ENOEXEC, EPERM, EISDIR: code = .notExecutable
            default: code = .exec
            }
        default:
            code = .fork
        }
        self.init(code: code, errno: error)
    }
}
