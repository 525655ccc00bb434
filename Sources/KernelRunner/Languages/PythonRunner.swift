/// Python: `pip install` for projects, `main.py` for exec, snippets for query mode.
struct PythonRunner: BaseRunner {
    var logPrefix: String { "python-kernel" }

    var completionKeywords: [String] {
        ["False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
         "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
         "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
         "abs", "all", "any", "bool", "dict", "enumerate", "filter", "float", "format", "input", "int",
         "isinstance", "len", "list", "map", "max", "min", "open", "print", "range", "repr", "reversed",
         "round", "set", "sorted", "str", "sum", "tuple", "type", "zip"]
    }

    func build(_ context: RunContext) async -> Int {
        if context.fileExists("pyproject.toml") || context.fileExists("setup.py") {
            return await context.run(context.runtimePath, ["-m", "pip", "install", "--user", "-e", "."])
        }
        if context.fileExists("requirements.txt") {
            return await context.run(context.runtimePath, ["-m", "pip", "install", "--user", "-r", "requirements.txt"])
        }
        context.log("skipping the build phase: no pyproject.toml, setup.py or requirements.txt")
        return 0
    }

    func execute(_ context: RunContext) async -> Int {
        guard context.fileExists("main.py") else {
            context.diagnostic("cannot find the main script (\"main.py\")")
            return 127
        }
        return await context.run(context.runtimePath, ["main.py"])
    }

    func query(_ code: String, _ context: RunContext) async -> Int {
        let scratch: String
        do {
            scratch = try context.makeScratchDirectory()
            try context.write(code, to: "\(scratch)/snippet.py")
        } catch {
            context.diagnostic("\(error)")
            return -1
        }
        return await context.run(context.runtimePath, ["\(scratch)/snippet.py"])
    }
}
