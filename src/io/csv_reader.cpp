#include "convene/io/csv_reader.hpp"

#include <algorithm>
#include <new>

#include <csv.h>
#include <fmt/format.h>

#include "convene/domain/limits.hpp"
#include "convene/error.hpp"
#include "convene/io/encoding_guess.hpp"
#include "convene/io/input.hpp"
#include "convene/io/repeated_columns.hpp"
#include "convene/text/utf8.hpp"

namespace convene::io {
namespace {

constexpr std::size_t k_chunk_size = 64 * 1024;

// RFC 4180: spaces belong to the field. libcsv would trim them from unquoted fields.
int no_spaces(unsigned char) { return 0; }

bool is_line_end(char c) { return c == '\r' || c == '\n'; }

// The delimiter the header line uses most, outside quotes: French Excel's "CSV" uses `;`,
// "Unicode text" uses tab. A tie, or none at all, is RFC 4180's comma.
char detect_delimiter(std::string_view text) {
    std::size_t comma = 0;
    std::size_t semicolon = 0;
    std::size_t tab = 0;
    bool quoted = false;
    for (const char c : text) {
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted) {
            if (is_line_end(c)) break;
            if (c == ',') ++comma;
            if (c == ';') ++semicolon;
            if (c == '\t') ++tab;
        }
    }
    if (semicolon > comma && semicolon >= tab) return ';';
    if (tab > comma && tab > semicolon) return '\t';
    return ',';
}

// The bytes of an invalid UTF-8 sequence starting at `offset`, as hex: "E9", "9C".
std::string bad_bytes(std::string_view text, std::size_t offset) {
    std::string hex;
    for (std::size_t i = offset; i < text.size() && i < offset + 4; ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (i > offset && (byte < 0x80 || byte >= 0xC0)) break;
        fmt::format_to(std::back_inserter(hex), "{}{:02X}", hex.empty() ? "" : " ", byte);
    }
    return hex;
}

constexpr std::string_view k_encoding_hint =
    "a file saved by Excel or another Windows program is often Windows-1252";

}  // namespace

// libcsv's parser, freed however the reader ends; its callbacks reach the reader from here.
struct CsvReader::Parser {
    csv_parser state{};

    Parser() {
        if (csv_init(&state, CSV_STRICT | CSV_STRICT_FINI) != 0) {
            throw std::bad_alloc();
        }
        csv_set_space_func(&state, no_spaces);
    }
    ~Parser() { csv_free(&state); }
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;

    static void field(void* data, std::size_t size, void* reader) {
        static_cast<CsvReader*>(reader)->on_field(static_cast<const char*>(data), size);
    }
    static void record(int, void* reader) { static_cast<CsvReader*>(reader)->on_record(); }
};

CsvReader::CsvReader(std::istream& in, std::string_view file_name, const CsvOptions& options)
    : m_in(in),
      m_name(display_name(file_name)),
      m_parser(std::make_unique<Parser>()),
      m_given_delimiter(options.delimiter),
      m_given_encoding(options.encoding) {
    if (!read_record()) {
        throw BadInputError(location(1) + ": no header row (the input is empty)",
                            "the first line must name the columns");
    }
    m_fields.resize(m_field_count);
    for (std::size_t i = 0; i < m_fields.size(); ++i) {
        if (!text::is_valid_utf8(m_fields[i])) {
            throw EncodingError(fmt::format("{}: header: {}", location(m_record_line),
                                            utf8_problem(i, m_fields[i])),
                                std::string(k_encoding_hint));
        }
    }
    // Platforms name columns twice (pretix's attendee and invoice "Company"): each keeps its
    // place under a name of its own. Spreadsheets' empty unnamed columns stay empty.
    m_header = name_repeated_columns(m_fields);
}

CsvReader::~CsvReader() = default;

std::string_view CsvReader::encoding() const noexcept {
    return m_transcoder ? m_transcoder->encoding().name : std::string_view("utf-8");
}

std::string CsvReader::utf8_problem(std::size_t column, const std::string& text) const {
    const auto offset = text::first_invalid_utf8(text).value_or(0);
    std::string where = fmt::format("column {}", column + 1);
    if (column < m_header.size()) where += fmt::format(" (\"{}\")", m_header[column]);
    std::string before = text.substr(0, offset);
    // Enough of what comes before to find the place in a spreadsheet.
    if (before.size() > 30) before = "…" + before.substr(before.size() - 30);
    return fmt::format("{} is not valid UTF-8: bytes {} after \"{}\"", where,
                       bad_bytes(text, offset), before);
}

std::optional<std::size_t> CsvReader::column(std::string_view name) const {
    const auto found = std::find(m_header.begin(), m_header.end(), name);
    if (found == m_header.end()) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(found - m_header.begin());
}

std::string CsvReader::location(std::size_t line) const {
    return fmt::format("{}:{}", m_name, line);
}

bool CsvReader::next(CsvRecord& record) {
    if (!read_record()) {
        return false;
    }
    // A row of empty cells, however many (spreadsheets leave them below the data), is an empty
    // record of the header's width; the importer skips it.
    if (m_field_count != m_header.size() &&
        std::all_of(m_fields.begin(), m_fields.begin() + static_cast<std::ptrdiff_t>(m_field_count),
                    [](const std::string& field) { return field.empty(); })) {
        m_fields.resize(std::max(m_fields.size(), m_header.size()));
        for (auto& field : m_fields) field.clear();
        m_field_count = m_header.size();
    }
    check_record();
    record.line = m_record_line;
    // Swapping hands the strings over without copying and keeps both sets of buffers alive.
    std::swap(record.fields, m_fields);
    record.fields.resize(m_field_count);
    return true;
}

bool CsvReader::read_record() {
    m_field_count = 0;
    m_record_ready = false;
    while (!m_record_ready) {
        if (!feed_next_piece()) {
            return false;
        }
    }
    return true;
}

// libcsv does not count lines, so it gets the input one line (or end of chunk) at a time: a
// record can only end at the line break that ends a piece, and the reader knows which line
// that is. Lines end at LF, CRLF or a lone CR, as they do for libcsv.
bool CsvReader::feed_next_piece() {
    if (m_begin == m_end) {
        if (!m_input_done) {
            fill_buffer();
            return true;
        }
        if (!m_parser_done) {
            m_parser_done = true;
            finish_input();
            return true;
        }
        return false;
    }
    const char* begin = m_buffer.data() + m_begin;
    const char* limit = m_buffer.data() + m_end;
    const char* end = std::find_if(begin, limit, is_line_end);
    const bool ends_line = end != limit;
    if (ends_line) {
        ++end;
    }
    const auto size = static_cast<std::size_t>(end - begin);
    if (size > (ends_line ? 1U : 0U)) {
        m_after_cr = false;
        if (!m_in_record) {
            m_in_record = true;
            m_record_line = m_line;
        }
    }

    check_size(size);
    const std::size_t parsed =
        csv_parse(&m_parser->state, begin, size, Parser::field, Parser::record, this);
    m_begin += size;
    if (m_callback_error) {
        std::rethrow_exception(m_callback_error);
    }
    if (parsed != size) {
        m_broken = true;
        throw BadInputError(
            location(m_line) + ": misplaced '\"': a field with quotes must be quoted itself",
            R"(enclose the field in quotes and double the quotes inside: "say ""hi""")");
    }

    if (ends_line) {
        if (end[-1] == '\r') {
            ++m_line;
            m_after_cr = true;
        } else {
            if (!m_after_cr) {
                ++m_line;
            }
            m_after_cr = false;
        }
    }
    return true;
}

void CsvReader::fill_buffer() {
    if (m_at_start) {
        start_input();
    } else if (m_transcoder) {
        read_chunk(m_raw);
        decode_chunk();
    } else if (m_guessing) {
        read_chunk(m_raw);
        guess_chunk();
    } else {
        read_chunk(m_buffer);
    }
    m_begin = 0;
    m_end = m_buffer.size();
}

void CsvReader::read_chunk(std::string& into) {
    into.resize(k_chunk_size);
    m_in.read(into.data(), static_cast<std::streamsize>(into.size()));
    if (m_in.bad()) {
        throw BadInputError(fmt::format("{}: read error", m_name));
    }
    into.resize(static_cast<std::size_t>(m_in.gcount()));
    m_input_done = !m_in;
}

void CsvReader::decode_chunk() {
    m_buffer.clear();
    try {
        m_transcoder->convert(m_raw, m_buffer);
        if (m_input_done) m_transcoder->finish();
    } catch (const BadInputError& error) {
        m_broken = true;
        throw EncodingError(fmt::format("{}: after line {}: {}", m_name, m_line, error.what()));
    }
}

// The first chunk says how to read the rest: its byte order mark (or the encoding given)
// chooses the encoding, else the first non-ASCII character does (io::guess_encoding); its
// first line chooses the delimiter.
void CsvReader::start_input() {
    m_at_start = false;
    read_chunk(m_raw);
    std::optional<Encoding> encoding = m_given_encoding;
    if (const auto mark = find_byte_order_mark(m_raw)) {
        encoding = mark->encoding;
        m_raw.erase(0, mark->size);
    }
    m_guessing = !encoding;
    if (encoding && encoding->name != "utf-8") {
        m_transcoder = std::make_unique<Transcoder>(*encoding);
        decode_chunk();
    } else if (m_guessing) {
        guess_chunk();
    } else {
        std::swap(m_raw, m_buffer);
    }
    m_delimiter = m_given_delimiter.value_or(detect_delimiter(m_buffer));
    csv_set_delim(&m_parser->state, static_cast<unsigned char>(m_delimiter));
}

// Until a non-ASCII character shows the encoding, chunks pass as UTF-8: ASCII reads the same in
// Windows-1252. The start of a character cut by the chunk's end waits for the next chunk.
void CsvReader::guess_chunk() {
    if (!m_held.empty()) {
        m_raw.insert(0, m_held);
        m_held.clear();
    }
    const auto result = guess_encoding(m_raw, m_input_done);
    if (result.guess == TextGuess::windows_1252) {
        m_guessing = false;
        m_transcoder = std::make_unique<Transcoder>(guessed_encoding());
        decode_chunk();
        return;
    }
    if (result.guess == TextGuess::utf8) m_guessing = false;
    m_held.assign(m_raw, m_raw.size() - result.pending, result.pending);
    m_raw.resize(m_raw.size() - result.pending);
    std::swap(m_raw, m_buffer);
}

void CsvReader::finish_input() {
    // Submits the last record when the input does not end with a line break.
    if (csv_fini(&m_parser->state, Parser::field, Parser::record, this) != 0) {
        m_broken = true;
        throw BadInputError(location(m_record_line) +
                            ": a quoted field is not closed before the end of the input");
    }
    if (m_callback_error) {
        std::rethrow_exception(m_callback_error);
    }
}

void CsvReader::check_record() const {
    if (m_field_count != m_header.size()) {
        throw BadInputError(fmt::format("{}: expected {} fields as in the header, found {}",
                                        location(m_record_line), m_header.size(), m_field_count));
    }
    for (std::size_t i = 0; i < m_field_count; ++i) {
        if (!text::is_valid_utf8(m_fields[i])) {
            throw EncodingError(
                fmt::format("{}: {}", location(m_record_line), utf8_problem(i, m_fields[i])),
                std::string(k_encoding_hint));
        }
    }
}

// Bounds checked while reading, before libcsv buffers the bytes: a record (a line without
// end, /dev/zero) or a header with a million columns cannot make memory or time grow.
void CsvReader::check_size(std::size_t piece) {
    m_record_bytes += piece;
    if (m_record_bytes > domain::k_max_record_bytes) {
        m_broken = true;
        throw BadInputError(fmt::format("{}: a record is longer than {} KiB",
                                        location(m_in_record ? m_record_line : m_line),
                                        domain::k_max_record_bytes / 1024),
                            "is this a CSV file?");
    }
}

void CsvReader::on_field(const char* data, std::size_t size) {
    try {
        if (m_field_count >= domain::k_max_columns) {
            throw BadInputError(fmt::format("{}: more than {} fields", location(m_record_line),
                                            domain::k_max_columns));
        }
        if (m_field_count == m_fields.size()) {
            m_fields.emplace_back();
        }
        // libcsv passes a null pointer for an empty field.
        m_fields[m_field_count].assign(size == 0 ? "" : data, size);
        ++m_field_count;
    } catch (...) {
        if (!m_callback_error) {
            m_callback_error = std::current_exception();
        }
    }
}

void CsvReader::on_record() {
    m_record_bytes = 0;
    m_record_ready = true;
    m_in_record = false;
}

}  // namespace convene::io
