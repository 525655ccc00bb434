import Testing

@testable import KernelRunnerCore
@testable import KernelRunnerLanguages

extension Languages {
    @Suite("Source and manifest scanning")
    struct SourceScanning {
        @Test func javaSourceFindsPackagePublicTypeAndMainClasses() {
            let source = JavaSource(
                parsing: """
                    // public class InAComment {}
                    package com.example.app;

                    import java.util.*;

                    class Helper {
                        static String text = "public class InAString { static void main(";
                        char brace = '{';
                    }

                    @SuppressWarnings("unused")
                    public final class Runner<T> {
                        static class Nested {
                            public static void main(String... args) {}
                        }
                        public static void main(String[] args) {
                            Runnable r = new Runnable() { public void run() {} };
                        }
                        void main(int notAnEntryPoint) {}
                    }
                    """)
            #expect(source.packageName == "com.example.app")
            #expect(source.publicTypeName == "Runner")
            #expect(source.mainClasses == ["Runner$Nested", "Runner"])
            #expect(source.qualified("Runner") == "com.example.app.Runner")
        }

        @Test func javaSourceWithoutPublicTypeOrPackage() {
            let source = JavaSource(parsing: "class A {}\nclass B { public static void main(String[] a) {} }\n")
            #expect(source.packageName == nil)
            #expect(source.publicTypeName == nil)
            #expect(source.mainClasses == ["B"])
            #expect(source.qualified("B") == "B")
        }

        @Test func cargoManifestNamesTheBinary() {
            let manifest = CargoManifest(
                parsing: """
                    [package]
                    name = "my-package" # comment
                    version = "0.1.0"

                    [dependencies]
                    name = "not-a-package-name"

                    [[bin]]
                    path = "src/tool.rs"
                    name = 'tool'

                    [[bin]]
                    name = "other"
                    """)
            #expect(manifest.packageName == "my-package")
            #expect(manifest.binaryNames == ["tool", "other"])
            #expect(manifest.binaryName == "tool")
        }

        @Test func cargoManifestPrefersDefaultRunThenPackage() {
            #expect(CargoManifest(parsing: "[package]\nname = \"a\"\ndefault-run = \"b\"\n[[bin]]\nname = \"c\"\n").binaryName == "b")
            #expect(CargoManifest(parsing: "[package]\nname = \"hash#name\"\n").binaryName == "hash#name")
            let workspace = CargoManifest(parsing: "[workspace]\nmembers = [\"a\"]\n")
            #expect(workspace.binaryName == nil)
            #expect(workspace.isWorkspace)
        }
    }
}
