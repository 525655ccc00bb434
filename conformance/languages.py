"""What the suite runs in each language: every program prints exactly what the tests expect."""

from __future__ import annotations

from dataclasses import dataclass, field

HELLO = "hello, world\n"
ANSWER = "conformance"
GREETING = f"hello, {ANSWER}\n"
PROJECT_OUTPUT = "project says 42\n"


@dataclass(frozen=True)
class Language:
    name: str
    # Programs the daemon needs on PATH for this language.
    tools: tuple[str, ...]
    # Prints HELLO.
    hello: str
    # Reads one line and prints GREETING for ANSWER.
    read_line: str
    # Fails to compile or raises: a non-zero exit with `error_text` on stderr.
    error: str
    error_text: str
    # Prints "ready" and never ends.
    endless: str
    # A project that `build *` + `exec *` turn into PROJECT_OUTPUT.
    project: dict[str, str] = field(default_factory=dict)
    # A prefix to complete.
    completion: str = "pr"
    # Extra daemon arguments.
    arguments: tuple[str, ...] = ()
    runtime_path: str | None = None


LANGUAGES = [
    Language(
        name="c",
        tools=("gcc",),
        hello='#include <stdio.h>\nint main(void) { printf("hello, world\\n"); return 0; }\n',
        read_line=(
            '#include <stdio.h>\n'
            'int main(void) {\n'
            '    char name[64];\n'
            '    printf("name? ");\n'
            '    fflush(stdout);\n'
            '    if (scanf("%63s", name) != 1) return 1;\n'
            '    printf("hello, %s\\n", name);\n'
            '    return 0;\n'
            '}\n'
        ),
        error="int main(void) { return no_such_name; }\n",
        error_text="no_such_name",
        endless='#include <stdio.h>\nint main(void) { printf("ready\\n"); fflush(stdout); for (;;) {} }\n',
        project={
            "main.c": '#include <stdio.h>\n#include "calc/answer.h"\nint main(void) { printf("project says %d\\n", answer()); return 0; }\n',
            "calc/answer.h": "int answer(void);\n",
            "calc/answer.c": '#include "answer.h"\nint answer(void) { return 6 * 7; }\n',
        },
    ),
    Language(
        name="cpp",
        tools=("g++",),
        hello='#include <iostream>\nint main() { std::cout << "hello, world" << std::endl; }\n',
        read_line=(
            '#include <iostream>\n#include <string>\n'
            'int main() { std::string name; std::cout << "name? " << std::flush; std::getline(std::cin, name);'
            ' std::cout << "hello, " << name << std::endl; }\n'
        ),
        error="int main() { return no_such_name; }\n",
        error_text="no_such_name",
        endless='#include <iostream>\nint main() { std::cout << "ready" << std::endl; for (;;) {} }\n',
        project={
            "main.cpp": '#include <iostream>\nint answer();\nint main() { std::cout << "project says " << answer() << std::endl; }\n',
            "calc/answer.cpp": "int answer() { return 6 * 7; }\n",
        },
        completion="st",
    ),
    Language(
        name="python",
        tools=("python3",),
        hello='print("hello, world")\n',
        read_line='name = input("name? ")\nprint(f"hello, {name}")\n',
        error="1 / 0\n",
        error_text="ZeroDivisionError",
        endless='print("ready", flush=True)\nwhile True:\n    pass\n',
        project={
            "main.py": "from calc import answer\nprint(f'project says {answer()}')\n",
            "calc.py": "def answer():\n    return 6 * 7\n",
        },
    ),
    Language(
        name="golang",
        tools=("go",),
        hello='package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello, world") }\n',
        read_line=(
            'package main\n\nimport (\n\t"bufio"\n\t"fmt"\n\t"os"\n\t"strings"\n)\n\n'
            'func main() {\n\tfmt.Print("name? ")\n\tline, _ := bufio.NewReader(os.Stdin).ReadString(\'\\n\')\n'
            '\tfmt.Printf("hello, %s\\n", strings.TrimSpace(line))\n}\n'
        ),
        error="package main\n\nfunc main() { noSuchName() }\n",
        error_text="undefined: noSuchName",
        endless='package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("ready")\n\tfor {\n\t}\n}\n',
        project={
            "go.mod": "module example.com/conformance\n\ngo 1.19\n",
            "main.go": 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/conformance/calc"\n)\n\n'
                       'func main() { fmt.Printf("project says %d\\n", calc.Answer()) }\n',
            "calc/calc.go": "package calc\n\nfunc Answer() int { return 6 * 7 }\n",
        },
        completion="Pr",
    ),
    Language(
        name="rust",
        tools=("rustc", "cargo"),
        hello='fn main() {\n    println!("hello, world");\n}\n',
        read_line=(
            "use std::io::Write;\n\nfn main() {\n    print!(\"name? \");\n    std::io::stdout().flush().unwrap();\n"
            "    let mut line = String::new();\n    std::io::stdin().read_line(&mut line).unwrap();\n"
            '    println!("hello, {}", line.trim());\n}\n'
        ),
        error='fn main() {\n    let x: i32 = "text";\n}\n',
        error_text="mismatched types",
        endless='fn main() {\n    println!("ready");\n    loop {\n        std::hint::spin_loop();\n    }\n}\n',
        project={
            "Cargo.toml": '[package]\nname = "conformance"\nversion = "0.1.0"\nedition = "2021"\n',
            "src/main.rs": 'mod calc;\n\nfn main() {\n    println!("project says {}", calc::answer());\n}\n',
            "src/calc.rs": "pub fn answer() -> u32 {\n    6 * 7\n}\n",
        },
    ),
    Language(
        name="java",
        tools=("java", "javac"),
        hello='public class Hello {\n    public static void main(String[] args) {\n        System.out.println("hello, world");\n    }\n}\n',
        read_line=(
            "import java.util.Scanner;\n\npublic class Greeter {\n    public static void main(String[] args) {\n"
            '        System.out.print("name? ");\n        System.out.flush();\n'
            '        System.out.println("hello, " + new Scanner(System.in).nextLine());\n    }\n}\n'
        ),
        error='public class Broken {\n    public static void main(String[] args) {\n        int x = "text";\n    }\n}\n',
        error_text="incompatible types",
        endless='public class Spin {\n    public static void main(String[] args) {\n        System.out.println("ready");\n        while (true) {}\n    }\n}\n',
        project={
            "Main.java": "import calc.Answer;\n\npublic class Main {\n    public static void main(String[] args) {\n"
                         '        System.out.println("project says " + Answer.value());\n    }\n}\n',
            "calc/Answer.java": "package calc;\n\npublic class Answer {\n    public static int value() { return 6 * 7; }\n}\n",
        },
        completion="Sys",
    ),
    Language(
        name="nodejs",
        tools=("node",),
        hello='console.log("hello, world");\n',
        read_line=(
            "const lines = require('readline').createInterface({ input: process.stdin });\n"
            "process.stdout.write('name? ');\n"
            "lines.once('line', (line) => { console.log(`hello, ${line}`); lines.close(); });\n"
        ),
        error="throw new Error('no such thing');\n",
        error_text="no such thing",
        endless="console.log('ready');\nfor (;;) {}\n",
        project={
            "package.json": '{"name": "conformance", "version": "1.0.0", "main": "main.js"}\n',
            "main.js": "const answer = require('./calc/answer');\nconsole.log(`project says ${answer()}`);\n",
            "calc/answer.js": "module.exports = () => 6 * 7;\n",
        },
        completion="cons",
    ),
    Language(
        name="php",
        tools=("php",),
        hello='echo "hello, world\\n";\n',
        read_line='echo "name? ";\n$name = trim(fgets(STDIN));\necho "hello, $name\\n";\n',
        error='echo "x" nope(;\n',
        error_text="Parse error",
        endless='echo "ready\\n";\nwhile (true) {}\n',
        project={
            "main.php": "<?php\nrequire __DIR__ . '/calc/answer.php';\necho 'project says ', answer(), \"\\n\";\n",
            "calc/answer.php": "<?php\nfunction answer(): int { return 6 * 7; }\n",
        },
        completion="str",
    ),
    Language(
        name="lua",
        tools=("lua",),
        hello='print("hello, world")\n',
        read_line='io.write("name? ")\nio.flush()\nlocal name = io.read("l")\nprint("hello, " .. name)\n',
        error='error("no such thing")\n',
        error_text="no such thing",
        endless='print("ready")\nio.flush()\nwhile true do end\n',
        project={
            "main.lua": 'local answer = require("calc.answer")\nprint("project says " .. answer())\n',
            "calc/answer.lua": "return function() return 6 * 7 end\n",
        },
    ),
    Language(
        name="haskell",
        tools=("ghc", "runhaskell"),
        hello='main :: IO ()\nmain = putStrLn "hello, world"\n',
        read_line=(
            "import System.IO\n\nmain :: IO ()\nmain = do\n  putStr \"name? \"\n  hFlush stdout\n"
            "  name <- getLine\n  putStrLn (\"hello, \" ++ name)\n"
        ),
        error="main :: IO ()\nmain = noSuchName\n",
        error_text="Variable not in scope: noSuchName",
        endless=(
            "import System.IO\n\nmain :: IO ()\nmain = do\n  putStrLn \"ready\"\n  hFlush stdout\n  spin 0\n\n"
            "spin :: Int -> IO ()\nspin n = spin $! n + 1\n"
        ),
        project={
            "Main.hs": "module Main (main) where\n\nimport Calc.Answer (answer)\n\nmain :: IO ()\n"
                       "main = putStrLn (\"project says \" ++ show answer)\n",
            "Calc/Answer.hs": "module Calc.Answer (answer) where\n\nanswer :: Int\nanswer = 6 * 7\n",
        },
        completion="put",
    ),
    Language(
        name="r",
        tools=("Rscript",),
        hello='cat("hello, world\\n")\n',
        read_line='cat("name? ")\nname <- readLines(file("stdin"), n = 1)\ncat(paste0("hello, ", name, "\\n"))\n',
        error='stop("no such thing")\n',
        error_text="no such thing",
        endless='cat("ready\\n")\nflush(stdout())\nrepeat {}\n',
        project={
            "main.R": 'source("calc/answer.R")\ncat(paste("project says", answer()), "\\n", sep = "")\n',
            "calc/answer.R": "answer <- function() 6 * 7\n",
        },
        completion="pas",
    ),
    Language(
        name="octave",
        tools=("octave-cli",),
        hello='printf("hello, world\\n");\n',
        read_line='name = input("name? ", "s");\nprintf("hello, %s\\n", name);\n',
        error='error("no such thing");\n',
        error_text="no such thing",
        endless='printf("ready\\n");\nfflush(stdout);\nwhile true\nend\n',
        project={
            "main.m": 'printf("project says %d\\n", answer());\n',
            "answer.m": "function value = answer()\n  value = 6 * 7;\nend\n",
        },
        completion="dis",
    ),
    Language(
        name="scheme",
        tools=("mit-scheme",),
        hello='(display "hello, world")\n(newline)\n',
        read_line='(display "name? ")\n(define name (read-line))\n(display (string-append "hello, " name))\n(newline)\n',
        error="(car 1)\n",
        error_text="is not the correct type",
        endless='(display "ready")\n(newline)\n(define (spin n) (spin (+ n 1)))\n(spin 0)\n',
        project={
            "main.scm": '(load "calc/answer.scm")\n(display "project says ")\n(display (answer))\n(newline)\n',
            "calc/answer.scm": "(define (answer) (* 6 7))\n",
        },
        completion="disp",
    ),
    Language(
        name="git",
        tools=("bash", "git"),
        hello="echo 'hello, world'\n",
        read_line='printf "name? "\nread -r name\necho "hello, $name"\n',
        error="no-such-command-here\n",
        error_text="not found",
        endless="echo ready\nwhile :; do :; done\n",
        project={
            "build.sh": "printf '42' > answer.txt\n",
            "main.sh": 'echo "project says $(cat answer.txt)"\n',
        },
        completion="chec",
    ),
]

BY_NAME = {language.name: language for language in LANGUAGES}
