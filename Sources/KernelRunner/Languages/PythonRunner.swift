import KernelRunnerCore
import KernelRunnerInteractive
import ProcessSupervision

/// Python: `pip install` for projects, `main.py` for exec, a persistent interpreter for query mode.
struct PythonRunner: BaseRunner {
    var logPrefix: String { "python-kernel" }

    /// `input()` flushes its prompt and `getpass` writes it to the terminal; batch runs are
    /// unbuffered (``batchEnvironment``), so their output still streams through the pipe.
    var interactiveStandardIO: StandardIO { .terminalInput }

    /// Python buffers a pipe in blocks: unbuffered, `print` then `sleep` shows before the exit.
    var batchEnvironment: [String: String] { ["PYTHONUNBUFFERED": "1"] }

    var completionKeywords: [String] {
        [
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
            "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
            "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
            "abs", "all", "any", "bool", "dict", "enumerate", "filter", "float", "format", "input", "int",
            "isinstance", "len", "list", "map", "max", "min", "open", "print", "range", "repr", "reversed",
            "round", "set", "sorted", "str", "sum", "tuple", "type", "zip",
        ]
    }

    func build(_ context: RunContext) async -> StepOutcome {
        if context.fileExists("pyproject.toml") || context.fileExists("setup.py") {
            return await context.run(context.runtimePath, ["-m", "pip", "install", "--user", "-e", "."])
        }
        if context.fileExists("requirements.txt") {
            return await context.run(context.runtimePath, ["-m", "pip", "install", "--user", "-r", "requirements.txt"])
        }
        context.log("skipping the build phase: no pyproject.toml, setup.py or requirements.txt")
        return .success
    }

    func execute(_ context: RunContext) async -> StepOutcome {
        guard context.fileExists("main.py") else {
            context.diagnostic("cannot find the main script (\"main.py\")")
            return .notFound
        }
        return await context.run(context.runtimePath, ["main.py"])
    }

    /// One-shot query mode (`--stateless-query`): the snippet runs as a script of its own.
    func query(_ code: String, _ context: RunContext) async -> StepOutcome {
        guard let snippet = context.writeSnippet(code, named: "snippet.py") else { return .runnerFailure }
        return await context.runSnippet(run: Invocation(context.runtimePath, [snippet.path]))
    }

    var jupyterKernelName: String? { "python" }

    /// A Jupyter kernel when a Python kernelspec is installed (falling back if it cannot start),
    /// else the built-in driver: either way, state persists between `code` runs.
    func makeQuerySession(_ settings: QuerySessionSettings) -> (any QuerySession)? {
        PersistentSession.python(settings, jupyter: jupyterLauncher(settings))
    }
}
