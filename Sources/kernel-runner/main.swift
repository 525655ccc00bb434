import Foundation

// Users' programs write into pipes the agent may close; a dead reader must be an error code,
// never a fatal signal for the daemon.
signal(SIGPIPE, SIG_IGN)

await KernelRunnerCommand.main()
