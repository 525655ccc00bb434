import Foundation
@testable import KernelRunner
import KernelProtocol
import Testing

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
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
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

        /// RFC 4231 test cases 1, 2 and 6 (a key longer than a block).
        @Test func hmacMatchesRFC4231() {
            let cases: [([UInt8], String, String)] = [
                ([UInt8](repeating: 0x0b, count: 20), "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
                (Array("Jefe".utf8), "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
                ([UInt8](repeating: 0xaa, count: 131), "Test Using Larger Than Block-Size Key - Hash Key First",
                 "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
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
