extension LanguageSpec {
    /// Lua: `lua snippet.lua`; `exec *` runs `main.lua`.
    public static let lua = LanguageSpec(
        name: "lua",
        defaultRuntimePath: "lua",
        query: Query(fileName: "snippet.lua", run: ["{runtime}", "{file}"]),
        exec: [Rule(ifExists: "main.lua", run: ["{runtime}", "main.lua"])],
        keywords: [
            "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
            "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
            "print", "pairs", "ipairs", "tostring", "tonumber", "type", "require", "pcall", "error",
            "assert", "select", "setmetatable", "getmetatable", "string", "table", "math", "io", "os",
        ],
        session: "lua"
    )
}
