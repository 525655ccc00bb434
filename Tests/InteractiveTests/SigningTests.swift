import Foundation
import KernelProtocol
import Testing

@testable import KernelRunnerCore
@testable import KernelRunnerInteractive

extension Interactive {
    /// The Jupyter wire format's signing, against published vectors.
    @Suite("Jupyter message signing")
    struct SigningTests {
        private static func hex(_ bytes: [UInt8]) -> String {
            bytes.map { String(format: "%02x", $0) }.joined()
        }

        @Test(arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
        func sha256MatchesFIPS180(_ input: String, _ digest: String) {
            #expect(Self.hex(SHA256.hash(Array(input.utf8))) == digest)
        }

        @Test func sha256OfAMillionAs() {
            var hasher = SHA256()
            for _ in 0..<1000 {
                hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: 1000))
            }
            #expect(Self.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        }

        /// Messages whose padding ends just before, at and after a block boundary.
        @Test(arguments: [
            (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
            (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
            (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
            (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
            (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
            (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
            (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
            (128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e"),
        ])
        func sha256AtBlockBoundaries(_ length: Int, _ digest: String) {
            #expect(Self.hex(SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: length))) == digest)
        }

        /// Keys of exactly one block (used as they are) and one byte more (hashed first).
        @Test(arguments: [
            (64, "96a5138b74d9a3580b9f77204ff785a8b999b97026f554edae8067408e417e52"),
            (65, "bc5c7837dce5cb274b1a8dca128820b6a7dba9e13ba11e12ff44c8eb4be58cca"),
        ])
        func hmacWithBlockSizedKeys(_ keyLength: Int, _ mac: String) {
            let signer = HMACSHA256(key: (0..<keyLength).map(UInt8.init))
            #expect(signer.hexSignature(for: [Array("Jupyter".utf8)]) == mac)
        }

        /// RFC 4231 test cases 1, 2 and 6 (a key longer than a block).
        @Test func hmacMatchesRFC4231() {
            let cases: [([UInt8], String, String)] = [
                ([UInt8](repeating: 0x0b, count: 20), "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
                (Array("Jefe".utf8), "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
                (
                    [UInt8](repeating: 0xaa, count: 131), "Test Using Larger Than Block-Size Key - Hash Key First",
                    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
                ),
            ]
            for (key, message, mac) in cases {
                let signer = HMACSHA256(key: key)
                #expect(signer.hexSignature(for: [Array(message.utf8)]) == mac)
                #expect(signer.hexSignature(for: Array(message.utf8).map { [$0] }) == mac, "parts are concatenated")
                #expect(signer.isValid(signature: Array(mac.utf8), for: [Array(message.utf8)]))
            }
        }

        @Test func messagesRoundTripAndRejectForgeries() throws {
            let signer = HMACSHA256(key: Array("secret".utf8))
            let message = JupyterMessage("execute_request", session: "s", content: ["code": .string("1 + 1"), "cursor_pos": .number(5)])
            var frames = [Array("peer".utf8)] + message.frames(signedWith: signer)
            let decoded = try JupyterMessage(frames: frames, verifiedWith: signer)
            #expect(decoded.type == "execute_request")
            #expect(decoded.id == message.id)
            #expect(decoded.content["code"]?.string == "1 + 1")
            // Frames: peer, delimiter, signature, header, parent header, metadata, content.
            #expect(String(decoding: frames[6], as: UTF8.self).contains(#""cursor_pos":5"#), "integers must stay integers")
            frames[6] = Array(#"{"code":"import os"}"#.utf8)
            #expect(throws: InteractiveError.self) { try JupyterMessage(frames: frames, verifiedWith: signer) }
        }
    }
}
