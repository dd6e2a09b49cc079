#pragma once
// Text in another encoding than UTF-8, turned into UTF-8 chunk by chunk with glibc's iconv, for
// the spreadsheets organisers bring: Excel's "Unicode text" (UTF-16 with a byte order mark)
// and the Windows-1252 of "CSV" saved by Excel on Windows.
//
//   io::Transcoder decode(*io::find_encoding("windows-1252"));
//   std::string utf8;
//   decode.convert(chunk, utf8);  // as often as there are chunks
//   decode.finish();              // a sequence cut off at the end is an error
#include <optional>
#include <string>
#include <string_view>

namespace convene::io {

// An encoding convene reads: the name people give and the one iconv knows.
struct Encoding {
    std::string_view name;   // "utf-8", "utf-16le", "utf-16be", "windows-1252", "latin1"
    std::string_view iconv;  // "UTF-8", "UTF-16LE", …
};

// By any accepted spelling, case-insensitively ("UTF8", "cp1252", "iso-8859-1", "utf-16"
// is UTF-16LE as Windows writes it); empty when unknown.
std::optional<Encoding> find_encoding(std::string_view name);
// The names find_encoding accepts, for messages.
std::string_view accepted_encodings();

// Which encoding a byte order mark at the start of `start` announces, and its length.
struct ByteOrderMark {
    Encoding encoding;
    std::size_t size;
};
std::optional<ByteOrderMark> find_byte_order_mark(std::string_view start);

class Transcoder {
public:
    explicit Transcoder(const Encoding& from);
    ~Transcoder();
    Transcoder(const Transcoder&) = delete;
    Transcoder& operator=(const Transcoder&) = delete;

    // Appends the UTF-8 of `bytes` to `out`. A sequence cut by the end of the chunk waits for
    // the next one. Throws BadInputError (without location) for bytes the encoding does not
    // have, naming them.
    void convert(std::string_view bytes, std::string& out);
    // Throws BadInputError when the input ended inside a sequence.
    void finish() const;

    const Encoding& encoding() const noexcept { return m_encoding; }

private:
    Encoding m_encoding;
    void* m_iconv;          // iconv_t, kept out of this header
    std::string m_pending;  // the start of a sequence cut by the end of a chunk
};

}  // namespace convene::io
