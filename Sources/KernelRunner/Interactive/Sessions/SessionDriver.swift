package import ProcessSupervision

/// How one language's interpreter runs as a persistent query session (``ReplDriver``): a small
/// driver program written in that language, which the daemon starts once and sends cells to.
///
/// Every driver speaks the same line protocol over two FIFOs in a private directory (paths work
/// in every language; Lua, Octave and bash have no sockets): `requests` (daemon → driver) and
/// `events` (driver → daemon). Output never goes over them: cells write to the terminal and the
/// stderr pipe like any run, cut into cells by secret markers (see ``OrderedOutput``).
///
/// Requests: the session's secret token on the first line, then `run <id> <cell file>` and
/// `complete <id> <word>`. Events: `ready`, `done <id> <exit code> <stdout markers> <stderr
/// markers>`, `completion <id> <candidates separated by tabs>`.
///
/// Each cell writes the marker (``Cell/marker``) on stdout and on stderr twice: as it starts,
/// before any of its code runs, and as it ends, after flushing its output and before `done`,
/// which gives the number of markers written on each stream so far (2 × cells). Output between
/// a cell's end and the next one's start (a background job, a timer) is dropped, so it cannot
/// leak into the next cell. A failed cell exits non-zero with its error on stderr; an interrupt
/// (SIGINT to the interpreter's process group) ends the cell, keeping the state when the
/// language can, and a SIGINT between cells changes nothing.
package struct SessionDriver: Sendable {
    /// The key a language spec names it by (`"session": "lua"`).
    package var key: String
    /// Names the interpreter in diagnostics users read, e.g. `the Lua session`.
    package var name: String
    /// The driver program's text and file name; `{channel}` in the text becomes the FIFOs'
    /// directory (for drivers that cannot take arguments).
    package var script: String
    package var scriptName: String
    /// The interpreter to start instead of the language's runtime (e.g. `ghci` for `ghc`), looked
    /// up next to the runtime first; nil starts the runtime.
    package var executable: String?
    /// The interpreter's arguments: `{driver}` is the script's path, `{channel}` the directory.
    package var arguments: [String]
    /// The extension of cell files, e.g. `lua`.
    package var cellExtension: String
    /// How the interpreter's stdin, stdout and stderr are connected (stdin is always a terminal).
    package var standardIO: StandardIO
    /// What the cell file holds; nil for the code itself (ghci gets a GHCi script of it).
    package var cellText: (@Sendable (_ code: String) -> String)?
    /// The requests sent for a cell, when the interpreter reads commands rather than running a
    /// driver loop (ghci) or reads requests slowly (Octave); nil sends `run <id> <cell file>`.
    package var encodeCell: (@Sendable (_ cell: Cell) -> String)?
    /// The first request; nil sends the token.
    package var handshake: (@Sendable (_ token: String, _ channel: String) -> String)?
    /// Text on stderr that marks a failed cell, for interpreters that do not report it (ghci).
    package var failureMarkers: [String]
    /// False when the interpreter cannot answer `complete` requests (ghci, whose command
    /// stream is the requests FIFO): the runner's fallback answers instead.
    package var completes: Bool
    /// Extra variables of the interpreter.
    package var environment: [String: String]

    /// One cell as the interpreter gets it.
    package struct Cell: Sendable {
        /// Numbered from 1; the number of markers written on each stream once it ends.
        package var id: Int
        package var code: String
        /// Where the daemon wrote it.
        package var path: String
        /// The FIFOs' directory.
        package var channel: String
        /// The marker the driver writes before its end (see ``OrderedOutput``).
        package var marker: String
    }

    /// Describes a driver; see the properties for each part.
    package init(
        key: String,
        name: String,
        script: String,
        scriptName: String,
        executable: String? = nil,
        arguments: [String],
        cellExtension: String,
        standardIO: StandardIO = .pseudoTerminal,
        cellText: (@Sendable (_ code: String) -> String)? = nil,
        encodeCell: (@Sendable (_ cell: Cell) -> String)? = nil,
        handshake: (@Sendable (_ token: String, _ channel: String) -> String)? = nil,
        failureMarkers: [String] = [],
        completes: Bool = true,
        environment: [String: String] = [:]
    ) {
        self.key = key
        self.name = name
        self.script = script
        self.scriptName = scriptName
        self.executable = executable
        self.arguments = arguments
        self.cellExtension = cellExtension
        self.standardIO = standardIO
        self.cellText = cellText
        self.encodeCell = encodeCell
        self.handshake = handshake
        self.failureMarkers = failureMarkers
        self.completes = completes
        self.environment = environment
    }
}
