import KernelProtocol
import KernelRunnerCore
import KernelRunnerServices

/// The Python runner's own services, as in the original's table: Jupyter Notebook and Lab,
/// IPython, DIGITS, TensorBoard, spectravis and an SFTP server, all run by the runtime
/// interpreter.
extension PythonRunner: LegacyServiceProvider {
    func legacyService(named name: String, configuration: RunnerConfiguration) -> ServiceDefinition? {
        let work = ServiceTemplate.escape(configuration.workingDirectory)
        func python(_ arguments: [String], prestart: [PrestartAction] = [], in directory: String? = nil) -> ServiceDefinition {
            ServiceDefinition(command: .argv(["{runtime_path}"] + arguments), prestart: prestart, workingDirectory: directory)
        }
        switch name {
        case "jupyter", "jupyterlab":
            let config = PrestartAction(
                .writeTemporaryFile(
                    body: [
                        "c.NotebookApp.allow_root = True\n",
                        "c.NotebookApp.ip = \"0.0.0.0\"\n",
                        "c.NotebookApp.port = {ports[0]}\n",
                        "c.NotebookApp.token = \"\"\n",
                        "c.FileContentsManager.delete_to_trash = False\n",
                        "c.NotebookApp.tornado_settings = {{'ws_ping_interval': 10000}}\n",
                    ], mode: 0o644), ref: "jupyter_config")
            let module = name == "jupyter" ? "notebook" : "jupyterlab"
            return python(["-m", module, "--no-browser", "--config", "{jupyter_config}"], prestart: [config])
        case "ipython":
            return python(["-m", "IPython"])
        case "digits":
            return python(["-m", "digits"])
        case "tensorboard":
            return python(
                [
                    "-m", "tensorboard.main", "--logdir", work + "/logs", "--host", "0.0.0.0", "--port", "{ports[0]}",
                    // Used by TensorFlow inside the container.
                    "--debugger_port", "6064",
                ],
                prestart: [PrestartAction(.makeDirectory(path: work + "/logs"))]
            )
        case "spectravis":
            // The original serves on a fixed 8000 whatever port was requested; serve on the
            // requested one so that the port wait can succeed.
            return python(["-m", "http.server", "{ports[0]}"], in: configuration.workingDirectory + "/spectravis")
        case "sftp":
            return python(["-m", "sftpserver", "--port", "{ports[0]}"])
        default:
            return nil
        }
    }
}
