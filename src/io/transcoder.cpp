#include "convene/io/transcoder.hpp"

#include <array>
#include <cerrno>
#include <system_error>

#include <fmt/format.h>
#include <iconv.h>

#include "convene/error.hpp"
#include "convene/text/strings.hpp"

namespace convene::io {
namespace {

constexpr Encoding k_utf8{"utf-8", "UTF-8"};
constexpr Encoding k_utf16le{"utf-16le", "UTF-16LE"};
constexpr Encoding k_utf16be{"utf-16be", "UTF-16BE"};
constexpr Encoding k_windows_1252{"windows-1252", "WINDOWS-1252"};
constexpr Encoding k_latin1{"latin1", "ISO-8859-1"};

struct Spelling {
    std::string_view name;
    const Encoding* encoding;
};

// Lower case, as compared after folding the name given.
constexpr std::array<Spelling, 13> k_spellings{{
    {"utf-8", &k_utf8},
    {"utf8", &k_utf8},
    {"utf-16", &k_utf16le},  // without a byte order mark, as Windows writes it
    {"utf16", &k_utf16le},
    {"utf-16le", &k_utf16le},
    {"utf-16be", &k_utf16be},
    {"windows-1252", &k_windows_1252},
    {"cp1252", &k_windows_1252},
    {"latin1", &k_latin1},
    {"latin-1", &k_latin1},
    {"iso-8859-1", &k_latin1},
    {"iso8859-1", &k_latin1},
    {"windows1252", &k_windows_1252},
}};

std::string hex_bytes(std::string_view bytes) {
    std::string text;
    for (const char c : bytes) {
        fmt::format_to(std::back_inserter(text), "{}{:02X}", text.empty() ? "" : " ",
                       static_cast<unsigned char>(c));
    }
    return text;
}

}  // namespace

std::optional<Encoding> find_encoding(std::string_view name) {
    const auto lower = text::lowercase_ascii(name);
    for (const auto& spelling : k_spellings) {
        if (spelling.name == lower) return *spelling.encoding;
    }
    return std::nullopt;
}

std::string_view accepted_encodings() {
    return "utf-8, utf-16 (utf-16le), utf-16be, windows-1252 (cp1252), latin1 (iso-8859-1)";
}

std::optional<ByteOrderMark> find_byte_order_mark(std::string_view start) {
    if (start.starts_with("\xEF\xBB\xBF")) return ByteOrderMark{k_utf8, 3};
    if (start.starts_with("\xFF\xFE")) return ByteOrderMark{k_utf16le, 2};
    if (start.starts_with("\xFE\xFF")) return ByteOrderMark{k_utf16be, 2};
    return std::nullopt;
}

Transcoder::Transcoder(const Encoding& from) : m_encoding(from) {
    const std::string to_code = "UTF-8";
    const std::string from_code(from.iconv);
    iconv_t handle = iconv_open(to_code.c_str(), from_code.c_str());
    if (handle == reinterpret_cast<iconv_t>(-1)) {
        throw std::system_error(errno, std::generic_category(),
                                fmt::format("iconv cannot read {}", from.name));
    }
    m_iconv = handle;
}

Transcoder::~Transcoder() { iconv_close(static_cast<iconv_t>(m_iconv)); }

void Transcoder::convert(std::string_view bytes, std::string& out) {
    std::string input;
    if (!m_pending.empty()) {
        input = m_pending + std::string(bytes);
        bytes = input;
        m_pending.clear();
    }
    char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write there
    std::size_t in_left = bytes.size();
    while (in_left > 0) {
        const std::size_t start = out.size();
        // UTF-8 takes at most 3 bytes for each unit of UTF-16 or byte of Windows-1252.
        out.resize(start + in_left * 3 + 16);
        char* to = out.data() + start;
        std::size_t to_left = out.size() - start;
        const std::size_t result =
            iconv(static_cast<iconv_t>(m_iconv), &in, &in_left, &to, &to_left);
        out.resize(static_cast<std::size_t>(to - out.data()));
        if (result != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) continue;
        if (errno == EINVAL) {  // cut by the end of the chunk
            m_pending.assign(in, in_left);
            break;
        }
        throw BadInputError(fmt::format(
            "the bytes {} are not {} text",
            hex_bytes(std::string_view(in, std::min<std::size_t>(in_left, 2))), m_encoding.name));
    }
}

void Transcoder::finish() const {
    if (!m_pending.empty()) {
        throw BadInputError(fmt::format("the input ends inside a {} character (bytes {})",
                                        m_encoding.name, hex_bytes(m_pending)));
    }
}

}  // namespace convene::io
