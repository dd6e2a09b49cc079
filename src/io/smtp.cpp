#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include <fmt/format.h>

#include "convene/error.hpp"
#include "convene/io/mail_transport.hpp"
#include "convene/text/printable.hpp"
#include "curl_library.hpp"

namespace convene::io {

namespace {

// libcurl reads the message through this.
struct Upload {
    std::string_view rest;
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto& upload = *static_cast<Upload*>(user);
    const std::size_t n = std::min(size * count, upload.rest.size());
    std::memcpy(buffer, upload.rest.data(), n);
    upload.rest.remove_prefix(n);
    return n;
}

// What a NOOP answers, not needed.
std::size_t ignore_body(char*, std::size_t size, std::size_t count, void*) { return size * count; }

// Failures that would refuse every message alike: stop at the first instead of trying each.
bool is_fatal(CURLcode code) {
    switch (code) {
        case CURLE_UNSUPPORTED_PROTOCOL:
        case CURLE_URL_MALFORMAT:
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_CONNECT:
        case CURLE_LOGIN_DENIED:
        case CURLE_USE_SSL_FAILED:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_OPERATION_TIMEDOUT:
        case CURLE_AUTH_ERROR: return true;
        default: return false;
    }
}

// A place for the password that never shows in logs: the URL carries none.
std::string redacted(const std::string& url) {
    const auto scheme = url.find("://");
    const auto at = url.find('@');
    if (scheme == std::string::npos || at == std::string::npos) return url;
    return url.substr(0, scheme + 3) + "…" + url.substr(at);
}

bool is_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string_view trim_line(std::string_view line) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    return line;
}

// The server's side of the dialogue, as libcurl's debug callback shows it: its last reply
// (all lines of a multi-line one), the command that reply answered, and whether its EHLO
// offered SMTPUTF8. Commands are kept by their verb only: an AUTH line carries credentials.
struct Dialogue {
    std::string command;       // "MAIL FROM", "RCPT TO", "DATA", "EHLO", …
    std::string reply;         // the lines of the reply being read, joined by spaces
    std::string last_refusal;  // "RCPT TO: 550 5.1.1 no such mailbox here"
    bool in_ehlo_reply{false};
    bool in_data{false};    // the server said 354: the message is on its way
    bool data_done{false};  // and it answered the end of the message
    bool ehlo_seen{false};  // the capabilities below are known
    bool smtputf8{false};

    void sent(std::string_view line) {
        const auto space = line.find_first_of(" :\r\n");
        command = std::string(line.substr(0, space));
        if (command == "MAIL" || command == "RCPT") {
            command += command == "MAIL" ? " FROM" : " TO";
        }
        if (command == "EHLO") {
            in_ehlo_reply = true;
            smtputf8 = false;
        }
        if (command == "MAIL FROM") in_data = data_done = false;
    }

    void received(std::string_view line) {
        line = trim_line(line);
        if (line.size() < 3) return;
        const bool last_line = line.size() == 3 || line[3] == ' ';
        const auto text = line.size() > 4 ? line.substr(4) : std::string_view();
        if (in_ehlo_reply && (text == "SMTPUTF8" || text == "smtputf8")) smtputf8 = true;
        if (!reply.empty()) reply += ' ';
        reply += reply.empty() ? line : text;
        if (!last_line) return;
        if (command == "DATA" && line.starts_with("354")) {
            in_data = true;
        } else if (in_data) {
            data_done = true;  // the answer to the message itself
        }
        if (line[0] == '4' || line[0] == '5') {
            last_refusal = command.empty() ? reply : fmt::format("{}: {}", command, reply);
        }
        if (in_ehlo_reply && line[0] == '2') ehlo_seen = true;
        in_ehlo_reply = false;
        reply.clear();
    }
};

int on_debug(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
    auto& dialogue = *static_cast<Dialogue*>(user);
    const std::string_view chunk(data, size);
    // libcurl passes one line per call for SMTP; split anyway.
    std::size_t start = 0;
    while (start < chunk.size()) {
        auto end = chunk.find('\n', start);
        end = end == std::string_view::npos ? chunk.size() : end + 1;
        if (type == CURLINFO_HEADER_IN) dialogue.received(chunk.substr(start, end - start));
        if (type == CURLINFO_HEADER_OUT) dialogue.sent(chunk.substr(start, end - start));
        start = end;
    }
    return 0;
}

class Smtp : public MailTransport {
public:
    explicit Smtp(const SmtpSettings& settings) : m_settings(settings), m_lib(curl_library()) {
        // Checked once, before the first message: libcurl would refuse each message alike.
        if (!m_settings.ca_file.empty() && ::access(m_settings.ca_file.c_str(), R_OK) != 0) {
            throw DeliveryError(fmt::format("cannot read mail.smtp_ca_file {}: {}",
                                            m_settings.ca_file, std::strerror(errno)));
        }
        if (m_lib.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || !(m_curl = m_lib.easy_init())) {
            throw DeliveryError("cannot start libcurl");
        }
    }
    ~Smtp() override {
        if (m_curl) m_lib.easy_cleanup(m_curl);
        m_lib.global_cleanup();
    }
    Smtp(const Smtp&) = delete;
    Smtp& operator=(const Smtp&) = delete;

    Delivery deliver(std::string_view from, std::string_view to,
                     std::string_view message) override {
        // An address that is not ASCII (a local part such as "josé", or a domain ICU could not
        // convert) needs SMTPUTF8, which libcurl asks for when the server's EHLO offered it.
        if (!is_ascii(from) || !is_ascii(to)) {
            if (!m_dialogue.ehlo_seen) probe();
            if (!m_dialogue.smtputf8) {
                return {false, true,
                        "the address is not ASCII and the SMTP server does not offer SMTPUTF8 "
                        "(RFC 6531); it was not sent"};
            }
        }
        const std::string mail_from = fmt::format("<{}>", from);
        const std::string rcpt = fmt::format("<{}>", to);
        // Freed however perform() ends: a failure that stops the run throws from it.
        const std::unique_ptr<curl_slist, void (*)(curl_slist*)> recipients(
            m_lib.slist_append(nullptr, rcpt.c_str()), m_lib.slist_free_all);
        Upload upload{message};
        set_session();
        m_lib.easy_setopt(m_curl, CURLOPT_MAIL_FROM, mail_from.c_str());
        m_lib.easy_setopt(m_curl, CURLOPT_MAIL_RCPT, recipients.get());
        m_lib.easy_setopt(m_curl, CURLOPT_READFUNCTION, read_message);
        m_lib.easy_setopt(m_curl, CURLOPT_READDATA, &upload);
        m_lib.easy_setopt(m_curl, CURLOPT_UPLOAD, 1L);
        m_lib.easy_setopt(m_curl, CURLOPT_INFILESIZE_LARGE,
                          static_cast<curl_off_t>(message.size()));
        const CURLcode code = perform();
        if (code == CURLE_OK) return {true, false, {}};
        long response = 0;
        m_lib.easy_getinfo(m_curl, CURLINFO_RESPONSE_CODE, &response);
        const bool refused = response >= 400 && response < 600 && !m_dialogue.last_refusal.empty();
        const std::string why = refused ? "the server refused " + m_dialogue.last_refusal : m_why;
        return {false, response >= 500 && response < 600, text::printable(why, 300)};
    }

private:
    // What every transaction sets after easy_reset: the server, encryption, login, limits.
    void set_session() {
        const bool credentials = !m_settings.user.empty();
        m_lib.easy_reset(m_curl);
        m_lib.easy_setopt(m_curl, CURLOPT_URL, m_settings.url.c_str());
        m_lib.easy_setopt(m_curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
        // A password never crosses the network in clear; without one, encrypt when offered.
        m_lib.easy_setopt(m_curl, CURLOPT_USE_SSL,
                          credentials ? static_cast<long>(CURLUSESSL_ALL)
                                      : static_cast<long>(CURLUSESSL_TRY));
        if (credentials) {
            m_lib.easy_setopt(m_curl, CURLOPT_USERNAME, m_settings.user.c_str());
            m_lib.easy_setopt(m_curl, CURLOPT_PASSWORD, m_settings.password.c_str());
        }
        if (!m_settings.ca_file.empty()) {
            m_lib.easy_setopt(m_curl, CURLOPT_CAINFO, m_settings.ca_file.c_str());
        }
        // mail.timeout bounds connecting, each reply, and a transfer that stalls.
        const long seconds = static_cast<long>(m_settings.timeout.count());
        m_lib.easy_setopt(m_curl, CURLOPT_CONNECTTIMEOUT, seconds);
        m_lib.easy_setopt(m_curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, seconds);
        m_lib.easy_setopt(m_curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
        m_lib.easy_setopt(m_curl, CURLOPT_LOW_SPEED_TIME, seconds);
        m_lib.easy_setopt(m_curl, CURLOPT_NOSIGNAL, 1L);
        m_lib.easy_setopt(m_curl, CURLOPT_ERRORBUFFER, m_error);
        // The server's words, for messages; the debug function sees them only when verbose,
        // and prints nothing itself.
        m_lib.easy_setopt(m_curl, CURLOPT_DEBUGFUNCTION, on_debug);
        m_lib.easy_setopt(m_curl, CURLOPT_DEBUGDATA, &m_dialogue);
        m_lib.easy_setopt(m_curl, CURLOPT_VERBOSE, 1L);
    }

    // Runs the transaction; a failure that would refuse every message is a DeliveryError.
    CURLcode perform() {
        m_error[0] = '\0';
        m_dialogue.last_refusal.clear();
        m_dialogue.in_data = m_dialogue.data_done = false;
        const CURLcode code = m_lib.easy_perform(m_curl);
        m_lib.easy_setopt(m_curl, CURLOPT_ERRORBUFFER, nullptr);
        if (code == CURLE_OK) return code;
        m_why = m_error[0] != '\0' ? m_error : m_lib.easy_strerror(code);
        if (!m_dialogue.last_refusal.empty()) {
            m_why += fmt::format(" (the server said {})", m_dialogue.last_refusal);
        }
        // Sent and not answered: the server may have taken it, or not.
        if (m_dialogue.in_data && !m_dialogue.data_done) {
            throw DeliveryInDoubt(
                fmt::format("SMTP server {}: {} after the message was sent; it may or may not "
                            "have been taken",
                            redacted(m_settings.url), text::printable(m_why, 300)),
                "check the server; mail.timeout in convene.toml sets how long to wait");
        }
        if (is_fatal(code)) {
            throw DeliveryError(
                fmt::format("SMTP server {}: {}", redacted(m_settings.url),
                            text::printable(m_why, 300)),
                code == CURLE_LOGIN_DENIED || code == CURLE_AUTH_ERROR
                    ? "check mail.smtp_user and the password (CONVENE_SMTP_PASSWORD)"
                    : "");
        }
        return code;
    }

    // Connects (EHLO, STARTTLS, login) and says NOOP, to learn what the server offers
    // before the first message that depends on it. The connection stays for the messages.
    void probe() {
        set_session();
        m_lib.easy_setopt(m_curl, CURLOPT_CUSTOMREQUEST, "NOOP");
        m_lib.easy_setopt(m_curl, CURLOPT_NOBODY, 1L);
        m_lib.easy_setopt(m_curl, CURLOPT_WRITEFUNCTION, ignore_body);
        if (perform() != CURLE_OK) {
            throw DeliveryError(fmt::format("SMTP server {}: {}", redacted(m_settings.url),
                                            text::printable(m_why, 300)));
        }
    }

    SmtpSettings m_settings;
    const CurlLibrary& m_lib;
    CURL* m_curl{nullptr};
    Dialogue m_dialogue;
    char m_error[CURL_ERROR_SIZE] = {};
    std::string m_why;
};

}  // namespace

std::unique_ptr<MailTransport> make_smtp(const SmtpSettings& settings) {
    return std::make_unique<Smtp>(settings);
}

}  // namespace convene::io
