import Glibc
import KernelRunnerCore
import KernelRunnerInteractive
import ProcessSupervision

/// Java: every source compiled with `javac -d` into one class directory, the class with
/// `main` found from the sources. No JVM flags: the original's
/// `-XX:+UseCGroupMemoryLimitForHeap` makes JDK ≥ 11 refuse to start, and current JVMs size
/// their heap from the container's limits by themselves.
struct JavaRunner: BaseRunner {
    var logPrefix: String { "java-kernel" }

    /// `System.out` flushes every `print` (autoflush), also into a pipe.
    var interactiveStandardIO: StandardIO { .terminalInput }

    var completionKeywords: [String] {
        [
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "continue",
            "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "if",
            "implements", "import", "instanceof", "int", "interface", "long", "new", "package", "private",
            "protected", "public", "record", "return", "short", "static", "super", "switch", "this", "throw",
            "throws", "try", "var", "void", "while", "null", "true", "false", "String", "System", "out",
            "println", "printf", "Scanner", "List", "ArrayList", "Map", "HashMap", "Integer", "Math",
        ]
    }

    /// Where `build *` puts classes: out of the user's tree, like the C objects.
    private static let classDirectory = ".kernel-runner/classes"
    /// Jars of a plain project, put on the class path when the folder exists.
    private static let libraryClassPath = "lib/*"

    func prepareEnvironment(_ environment: inout ChildEnvironment) {
        if let javaHome = environment["JAVA_HOME"] {
            environment.promoteToPathFront([javaHome + "/bin"])
        }
    }

    func build(_ context: RunContext) async -> StepOutcome {
        let sources = context.sourceFiles(withExtensions: [".java"])
        guard !sources.isEmpty else {
            context.diagnostic("cannot find build script (\"Makefile\") or any \".java\" file")
            return .notFound
        }
        var arguments = ["-d", Self.classDirectory]
        if context.directoryExists("lib") { arguments += ["-cp", Self.libraryClassPath] }
        return await context.run(context.companionTool("javac"), arguments + sources)
    }

    func execute(_ context: RunContext) async -> StepOutcome {
        let classDirectory = context.directoryExists(Self.classDirectory) ? Self.classDirectory : "."
        guard let mainClass = findMainClass(context, classDirectory: classDirectory) else { return .notFound }
        var classPath = classDirectory
        if context.directoryExists("lib") { classPath += ":" + Self.libraryClassPath }
        return await context.run(context.runtimePath, ["-cp", classPath, mainClass])
    }

    /// The snippet is saved under its public type's name (javac requires it), so any class
    /// name works, and a `package` line only changes the class directory.
    func query(_ code: String, _ context: RunContext) async -> StepOutcome {
        let source = JavaSource(parsing: code)
        let typeName = source.publicTypeName ?? "Main"
        guard let snippet = context.writeSnippet(code, named: "\(typeName).java") else { return .runnerFailure }
        let mainClass = source.qualified(source.mainClasses.first ?? typeName)
        let compile = SnippetCompilation(
            context.companionTool("javac"),
            ["-d", "classes", "-cp", Self.compileClassPath(context), "\(typeName).java"],
            environmentKeys: Self.compilerEnvironmentKeys,
            isOwnOutput: { $0 == "classes" || $0.hasPrefix("classes/") && source.isOwnClassFile(String($0.dropFirst("classes/".count))) }
        )
        return await context.runSnippet(
            snippet, compile: compile, run: Invocation(context.runtimePath, ["-cp", "\(snippet.directory)/classes", mainClass]))
    }

    /// `javac`'s class path when it ran in the work dir: `CLASSPATH`, else the work dir, with
    /// relative entries made absolute, since it now runs in the scratch directory. A snippet may
    /// use the work dir's sources (javac compiles them into the snippet's classes); then its
    /// compile is not kept, as the key does not cover them.
    private static func compileClassPath(_ context: RunContext) -> String {
        let entries =
            context.environment["CLASSPATH"].map { $0.split(separator: ":", omittingEmptySubsequences: false).map(String.init) } ?? ["."]
        return entries.map { $0.isEmpty ? context.workingDirectory : context.resolve($0) }.joined(separator: ":")
    }

    /// What `javac` reads besides the common variables and its class path: its JDK, and options
    /// every JVM or javac adds (which print a notice, too).
    private static let compilerEnvironmentKeys = ["JAVA_HOME", "JDK_JAVAC_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS"]

    /// A class named `Main` with a `main` method, else the only class with one; else what the
    /// original looked for (`Main.class`, then `main/Main.class`).
    private func findMainClass(_ context: RunContext, classDirectory: String) -> String? {
        let candidates = context.sourceFiles(withExtensions: [".java"]).flatMap { path in
            let source = JavaSource(parsing: context.readText(path) ?? "")
            return source.mainClasses.map(source.qualified)
        }
        if let main = candidates.first(where: { $0 == "Main" || $0.hasSuffix(".Main") }) {
            return main
        }
        if candidates.count == 1 { return candidates[0] }
        if candidates.count > 1 {
            context.diagnostic(
                "several classes have a main method (\(candidates.joined(separator: ", "))); name one Main or send \"java -cp \(classDirectory) CLASS\""
            )
            return nil
        }
        for (file, name) in [("Main.class", "Main"), ("main/Main.class", "main.Main")] where context.fileExists("\(classDirectory)/\(file)")
        {
            return name
        }
        context.diagnostic("cannot find a class with a main method (no .java source declares one, and there is no Main.class)")
        return nil
    }
}
