#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "convene/export/mime.hpp"
#include "testing.hpp"

namespace {

using namespace convene;

std::string base64(std::string_view data) {
    std::string out;
    mail::append_base64(out, data);
    return out;
}

std::string qp(std::string_view text) {
    std::string out;
    mail::append_quoted_printable(out, text);
    return out;
}

std::string from_base64(std::string_view text) {
    constexpr std::string_view k_alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (const char c : text) {
        const auto value = k_alphabet.find(c);
        if (value == std::string_view::npos) continue;  // '=' padding
        bits = (bits << 6) | static_cast<unsigned>(value);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xFF);
        }
    }
    return out;
}

// The text of each "=?UTF-8?B?…?=" in a header value, in order.
std::vector<std::string> decoded_words(const std::string& value) {
    std::vector<std::string> words;
    for (auto at = value.find("=?UTF-8?B?"); at != std::string::npos;
         at = value.find("=?UTF-8?B?", at + 1)) {
        const auto end = value.find("?=", at + 10);
        REQUIRE(end != std::string::npos);
        words.push_back(from_base64(std::string_view(value).substr(at + 10, end - at - 10)));
    }
    return words;
}

// Every line ends in CRLF and holds at most `limit` characters.
void require_lines_within(const std::string& text, std::size_t limit) {
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        CAPTURE(text.substr(start, end - start));
        REQUIRE(end - start <= limit);
        REQUIRE(text.substr(start, end - start).find('\n') == std::string::npos);
        start = end + 2;
    }
}

}  // namespace

TEST_CASE("base64 follows RFC 4648's test vectors, 76 characters a line", "[mime]") {
    CHECK(base64("") == "");
    CHECK(base64("f") == "Zg==\r\n");
    CHECK(base64("fo") == "Zm8=\r\n");
    CHECK(base64("foo") == "Zm9v\r\n");
    CHECK(base64("foobar") == "Zm9vYmFy\r\n");
    CHECK(base64("\xff\xfe\xfd") == "//79\r\n");
    std::string one_line;  // 57 octets make exactly one 76-character line
    for (int i = 0; i < 19; ++i) one_line += "YWFh";
    CHECK(base64(std::string(57, 'a')) == one_line + "\r\n");
    CHECK(base64(std::string(58, 'a')) == one_line + "\r\nYQ==\r\n");
    require_lines_within(base64(std::string(1000, 'x')), 76);
}

TEST_CASE("quoted-printable keeps text readable and lines short", "[mime]") {
    CHECK(qp("Hello") == "Hello\r\n");
    CHECK(qp("Café = ok") == "Caf=C3=A9 =3D ok\r\n");
    CHECK(qp("line one\nline two\n") == "line one\r\nline two\r\n");
    CHECK(qp("crlf\r\nkept") == "crlf\r\nkept\r\n");
    CHECK(qp("trailing \nspace\t") == "trailing=20\r\nspace=09\r\n");
    CHECK(qp(".\nFrom here") == "=2E\r\n=46rom here\r\n");
    CHECK(qp("a\n\nb") == "a\r\n\r\nb\r\n");
    const auto soft = qp(std::string(80, 'a'));
    CHECK(soft == std::string(75, 'a') + "=\r\n" + std::string(5, 'a') + "\r\n");
    // An =XX is never cut by a soft break.
    const auto accents = qp(std::string(73, 'a') + "é");
    CHECK(accents == std::string(73, 'a') + "=\r\n=C3=A9\r\n");
    require_lines_within(qp(std::string(500, 'x') + "\n" + std::string(100, ' ') + "é"), 76);
}

TEST_CASE("header text: ASCII as it is, anything else as RFC 2047 encoded words", "[mime]") {
    CHECK(mail::header_text("Briefing on the IMRF", 7) == "Briefing on the IMRF");
    CHECK(mail::header_text("Café", 7) == "=?UTF-8?B?Q2Fmw6k=?=");
    CHECK(mail::header_text("a=?b", 7) == "=?UTF-8?B?YT0/Yg==?=");
    CHECK(mail::header_text("two\r\nlines", 7) == "two  lines");  // no header injection

    // Long ASCII folds before a space, within 78 characters counting "Subject: ".
    const std::string words =
        "Information session on the road to the International Migration Review Forum 2022";
    const auto folded = mail::header_text(words, 7);
    CHECK(folded ==
          "Information session on the road to the International Migration Review\r\n Forum 2022");
    require_lines_within("Subject: " + folded + "\r\n", 78);

    // Long non-ASCII: several encoded words, whole characters each, folded.
    const std::string french =
        "Séance d'information sur la route vers le Forum d'examen des migrations "
        "internationales 🥐";
    const auto encoded = mail::header_text(french, 7);
    require_lines_within("Subject: " + encoded + "\r\n", 78);
    std::size_t words_count = 0;
    for (auto at = encoded.find("=?UTF-8?B?"); at != std::string::npos;
         at = encoded.find("=?UTF-8?B?", at + 1)) {
        ++words_count;
        const auto end = encoded.find("?=", at + 10);
        REQUIRE(end != std::string::npos);
        CHECK(end + 2 - at <= 75);
    }
    CHECK(words_count == 3);
    CHECK(encoded.find("\r\n =?UTF-8?B?") != std::string::npos);
    // Encoded words end between words: decoded, each but the last ends in a space, and
    // together they are the text.
    const auto pieces = decoded_words(encoded);
    std::string joined;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        if (i + 1 < pieces.size()) CHECK(pieces[i].back() == ' ');
        joined += pieces[i];
    }
    CHECK(joined == french);
    CHECK(decoded_words(mail::header_text("Réunion avec Frank Émile-Dupont et Zoë Frankenstein", 7))
              .front()
              .back() == ' ');
}

TEST_CASE("a word longer than one encoded word is cut between characters", "[mime]") {
    const std::string word = "Zoë" + std::string(60, 'x');
    const auto pieces = decoded_words(mail::header_text(word, 7));
    CHECK(pieces.size() == 2);
    CHECK(pieces[0] + pieces[1] == word);
}

TEST_CASE("mailboxes quote names, encode non-ASCII ones and clean addresses", "[mime]") {
    CHECK(mail::mailbox("Doe, Jane: \"JD\"", "jane@example.org") ==
          "\"Doe, Jane: \\\"JD\\\"\" <jane@example.org>");
    CHECK(mail::mailbox("", "jane@example.org") == "jane@example.org");
    CHECK(mail::mailbox("Zoé", "zoe@café.fr") == "=?UTF-8?B?Wm/DqQ==?= <zoe@xn--caf-dma.fr>");
    CHECK(mail::mailbox("Élodie", "e@example.org") == "=?UTF-8?B?w4lsb2RpZQ==?= <e@example.org>");
    CHECK(mail::mailbox("Eve\r\nBcc: x@evil.example", "eve@example.org\r\nBcc: y@evil.example") ==
          "\"Eve  Bcc: x@evil.example\" <eve@example.orgBcc:y@evil.example>");
}

TEST_CASE("the Date header is RFC 5322 in UTC", "[mime]") {
    CHECK(mail::date_time(testing::k_now) == "Tue, 14 Nov 2023 22:13:20 +0000");
    CHECK(mail::date_time(testing::utc(date::year{2022} / 4 / 3)) ==
          "Sun, 03 Apr 2022 00:00:00 +0000");
}
