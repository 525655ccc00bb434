extension LanguageSpec {
    /// PHP: snippets get `<?php` only when they lack it (the original always added one, which
    /// made code that had its own open tag a parse error); `exec *` runs `main.php`.
    public static let php = LanguageSpec(
        name: "php",
        defaultRuntimePath: "php",
        query: Query(fileName: "snippet.php", prelude: "<?php\n", run: ["{runtime}", "{file}"]),
        exec: [Rule(ifExists: "main.php", run: ["{runtime}", "main.php"])],
        keywords: [
            "abstract", "array", "as", "break", "case", "catch", "class", "const", "continue", "default",
            "do", "echo", "else", "elseif", "enum", "extends", "false", "final", "finally", "fn", "for",
            "foreach", "function", "global", "if", "implements", "include", "instanceof", "interface",
            "isset", "match", "namespace", "new", "null", "print", "private", "protected", "public",
            "readonly", "require", "require_once", "return", "static", "switch", "throw", "trait", "true",
            "try", "unset", "use", "while", "yield", "count", "explode", "implode", "strlen", "printf",
            "sprintf", "var_dump", "print_r", "json_encode", "json_decode", "array_map", "array_filter",
        ],
        // The CLI writes `echo` output at once (implicit flush, no output buffering).
        flushesPrompts: true,
        session: "php"
    )
}
