import KernelProtocol

/// The `complete` reply: the live interpreter's candidates first, then the runner's fallback
/// (keywords, identifiers of the code sent) for what the interpreter does not know yet.
enum QueryCompletion {
    static func suggestions(
        for request: CompletionRequest,
        session: (any QuerySession)?,
        runner: any BaseRunner
    ) async -> [String] {
        async let live = session?.complete(request)
        let fallback = await runner.complete(request)
        var seen: Set<String> = []
        return ((await live ?? []) + fallback).filter { seen.insert($0).inserted }
    }
}
