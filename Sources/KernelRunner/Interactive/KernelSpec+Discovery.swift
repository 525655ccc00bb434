import Glibc
import SystemSupport

extension KernelSpec {
    /// The Jupyter data directories, in Jupyter's order of precedence: `JUPYTER_PATH`, the user
    /// data dir, the runtime's installation prefix (where `pip install ipykernel` puts its
    /// kernelspec), then the system dirs.
    static func dataDirectories(environment: [String: String], runtimePath: String) -> [String] {
        var directories = (environment["JUPYTER_PATH"] ?? "").split(separator: ":").map(String.init)
        if let data = environment["JUPYTER_DATA_DIR"] {
            directories.append(data)
        } else if let xdg = environment["XDG_DATA_HOME"] {
            directories.append(xdg + "/jupyter")
        } else if let home = environment["HOME"] {
            directories.append(home + "/.local/share/jupyter")
        }
        if runtimePath.hasPrefix("/") {
            // <prefix>/bin/python3 → <prefix>/share/jupyter (symlinks kept: a venv's bin is its prefix).
            let prefix = runtimePath.split(separator: "/").dropLast(2)
            directories.append(([""] + prefix + ["share", "jupyter"]).joined(separator: "/"))
        }
        directories += ["/usr/local/share/jupyter", "/usr/share/jupyter"]
        var seen: Set<String> = []
        return directories.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// The first kernelspec whose name contains `fragment` (case-insensitive; "" matches any),
    /// searching the data directories in order and each one's kernels by name.
    static func find(containing fragment: String, in dataDirectories: [String]) throws(InteractiveError) -> KernelSpec? {
        for dataDirectory in dataDirectories {
            let kernels = dataDirectory + "/kernels"
            for name in ((try? FileSystem.names(in: kernels)) ?? []).sorted()
            where fragment.isEmpty || name.lowercased().firstRange(of: fragment.lowercased()) != nil {
                let directory = kernels + "/" + name
                guard FileSystem.exists(directory + "/kernel.json") else { continue }
                return try KernelSpec(name: name, directory: directory)
            }
        }
        return nil
    }
}
