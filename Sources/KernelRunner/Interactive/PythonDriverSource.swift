/// The built-in persistent Python driver, written to a private scratch directory and run with
/// the runtime interpreter when no Jupyter kernel is available for query mode.
///
/// The script is `Embedded/kernel_runner_driver.py`, compiled into the binary by SwiftPM
/// (`.embedInCode` in Package.swift): the daemon ships as one static binary, without a bundle.
enum PythonDriverSource {
    /// The script's file name (tracebacks hide frames from it).
    static let fileName = "kernel_runner_driver.py"

    /// The script's text.
    static var text: String {
        String(decoding: PackageResources.kernel_runner_driver_py, as: UTF8.self)
    }
}
