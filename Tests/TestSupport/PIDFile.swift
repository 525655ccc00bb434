import Foundation

/// Files that programs under test write their pid to (`echo $$ > x.pid`), so a test can find
/// and later check a process it did not start itself.
public enum PIDFile {
    /// The pid written to `path`, once the file holds one; nil if none came within `limit`.
    public static func pid(in path: String, within limit: Duration = TimeBound.hang(after: .seconds(10))) async -> pid_t? {
        var pid: pid_t?
        _ = await eventually(within: limit) {
            pid = (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            return pid != nil
        }
        return pid
    }
}
