#pragma once
// CSV input for bulk imports (`register --csv FILE`), parsed by libcsv in strict RFC 4180 mode:
// fields in double quotes may hold the delimiter, doubled quotes and line breaks; records end
// with CRLF or LF; blank lines are skipped. Spaces are part of a field. The first record is the
// header and names the columns; a name it repeats gets a number: "Company (2)".
//
// Spreadsheets' dialects: the delimiter is `,` `;` or tab, the one the header line uses most
// (outside quotes) unless one is given. The encoding is the byte order mark's (UTF-8, which is
// skipped, or UTF-16LE/BE), else the one given (Windows-1252, Latin-1, UTF-16), else UTF-8 or,
// when the first non-ASCII character is not UTF-8, Windows-1252 (io::guess_encoding; encoding()
// tells which, for the import's note). UTF-8 is checked: a wrong byte is reported with its line,
// column and value.
//
// The input is read in fixed-size chunks and handed out one record at a time, so memory does not
// grow with the file. Every problem throws BadInputError "FILE:LINE: what is wrong".
//
//   io::InputFile input(path);
//   io::CsvReader reader(input.stream(), input.path());
//   const auto email = reader.column("email");
//   io::CsvRecord record;
//   while (reader.next(record)) { use(record.fields[*email], record.line); }
#include <cstddef>
#include <exception>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "convene/error.hpp"
#include "convene/io/transcoder.hpp"

namespace convene::io {

// Bytes that are not text in the encoding read: a field that is not UTF-8, or input that does
// not decode from the encoding given. Its hint names no flag: the command line says how to
// give another encoding.
struct EncodingError : BadInputError {
    using BadInputError::BadInputError;
};

struct CsvOptions {
    std::optional<char> delimiter{};     // detected from the header line when empty
    std::optional<Encoding> encoding{};  // for input without a byte order mark; else UTF-8
};

struct CsvRecord {
    std::size_t line{0};              // 1-based line of the file where the record starts
    std::vector<std::string> fields;  // one per header column, valid UTF-8
};

class CsvReader {
public:
    // Reads the header at once. `file_name` is how messages name the input ("-" is shown as
    // "<stdin>"). Throws BadInputError when there is no header row. A name the header repeats
    // is kept apart: "Company", "Company (2)" (io::name_repeated_columns).
    CsvReader(std::istream& in, std::string_view file_name, const CsvOptions& options = {});
    ~CsvReader();
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    const std::vector<std::string>& header() const noexcept { return m_header; }
    // The delimiter used, given or detected.
    char delimiter() const noexcept { return m_delimiter; }
    // The encoding read: "utf-8", "utf-16le", "windows-1252", …
    std::string_view encoding() const noexcept;
    // Index of the header column with this exact name.
    std::optional<std::size_t> column(std::string_view name) const;

    // Fills `record` with the next record and returns true, or returns false at the end.
    // Throws BadInputError for a record with another number of fields than the header, invalid
    // UTF-8, a misplaced quote or a quoted field still open at the end of the input.
    bool next(CsvRecord& record);

    // "FILE:LINE", the prefix of every message about this input.
    std::string location(std::size_t line) const;

    // After next() threw: true when the input itself is broken (a misplaced or unclosed
    // quote), so no later record can be trusted; false when only that record was wrong (its
    // field count, its UTF-8) and reading may go on, as `register --skip-invalid` does.
    bool broken() const noexcept { return m_broken; }

private:
    struct Parser;
    bool read_record();
    bool feed_next_piece();
    void fill_buffer();
    void finish_input();
    void check_record() const;
    void check_size(std::size_t piece);
    void start_input();
    void read_chunk(std::string& into);
    void decode_chunk();
    void guess_chunk();
    std::string utf8_problem(std::size_t column, const std::string& text) const;
    void on_field(const char* data, std::size_t size);
    void on_record();

    std::istream& m_in;
    std::string m_name;
    std::unique_ptr<Parser> m_parser;          // libcsv state, kept out of this header
    std::unique_ptr<Transcoder> m_transcoder;  // when the input is not UTF-8
    bool m_guessing{false};  // no encoding given nor marked, and no non-ASCII byte seen yet
    std::string m_held;      // the start of a character cut by a chunk's end, while guessing
    std::optional<char> m_given_delimiter;
    std::optional<Encoding> m_given_encoding;
    char m_delimiter{','};
    std::string m_raw;       // a chunk as read, before transcoding
    std::string m_buffer;    // the chunk being parsed, UTF-8
    std::size_t m_begin{0};  // unparsed part of m_buffer: [m_begin, m_end)
    std::size_t m_end{0};
    bool m_at_start{true};
    bool m_input_done{false};
    bool m_parser_done{false};

    std::size_t m_line{1};         // line of the next byte to parse
    bool m_after_cr{false};        // an LF right after a CR ends the same line
    bool m_in_record{false};       // bytes of a record seen since the last record ended
    std::size_t m_record_line{0};  // where the record being parsed starts
    bool m_record_ready{false};
    std::size_t m_record_bytes{0};  // bounded by domain::k_max_record_bytes
    bool m_broken{false};

    std::vector<std::string> m_fields;  // reused from record to record
    std::size_t m_field_count{0};
    std::exception_ptr m_callback_error;  // libcsv is C: nothing may unwind through it

    std::vector<std::string> m_header;
};

}  // namespace convene::io
