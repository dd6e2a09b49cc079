#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "convene/error.hpp"
#include "convene/io/mail_transport.hpp"
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
        const std::string mail_from = fmt::format("<{}>", from);
        const std::string rcpt = fmt::format("<{}>", to);
        curl_slist* recipients = m_lib.slist_append(nullptr, rcpt.c_str());
        Upload upload{message};
        char error[CURL_ERROR_SIZE] = {};
        const bool credentials = !m_settings.user.empty();
        m_lib.easy_reset(m_curl);
        m_lib.easy_setopt(m_curl, CURLOPT_URL, m_settings.url.c_str());
        m_lib.easy_setopt(m_curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
        m_lib.easy_setopt(m_curl, CURLOPT_MAIL_FROM, mail_from.c_str());
        m_lib.easy_setopt(m_curl, CURLOPT_MAIL_RCPT, recipients);
        m_lib.easy_setopt(m_curl, CURLOPT_READFUNCTION, read_message);
        m_lib.easy_setopt(m_curl, CURLOPT_READDATA, &upload);
        m_lib.easy_setopt(m_curl, CURLOPT_UPLOAD, 1L);
        m_lib.easy_setopt(m_curl, CURLOPT_INFILESIZE_LARGE,
                          static_cast<curl_off_t>(message.size()));
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
        m_lib.easy_setopt(m_curl, CURLOPT_CONNECTTIMEOUT, 30L);
        m_lib.easy_setopt(m_curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
        m_lib.easy_setopt(m_curl, CURLOPT_LOW_SPEED_TIME, 120L);
        m_lib.easy_setopt(m_curl, CURLOPT_NOSIGNAL, 1L);
        m_lib.easy_setopt(m_curl, CURLOPT_ERRORBUFFER, error);
        const CURLcode code = m_lib.easy_perform(m_curl);
        m_lib.slist_free_all(recipients);
        long response = 0;
        m_lib.easy_getinfo(m_curl, CURLINFO_RESPONSE_CODE, &response);
        m_lib.easy_setopt(m_curl, CURLOPT_ERRORBUFFER, nullptr);
        if (code == CURLE_OK) return {true, {}};
        const std::string why = error[0] != '\0' ? error : m_lib.easy_strerror(code);
        if (is_fatal(code)) {
            throw DeliveryError(
                fmt::format("SMTP server {}: {}", redacted(m_settings.url), why),
                code == CURLE_LOGIN_DENIED || code == CURLE_AUTH_ERROR
                    ? "check mail.smtp_user and the password (CONVENE_SMTP_PASSWORD)"
                    : "");
        }
        return {false, response != 0 ? fmt::format("{} (server said {})", why, response) : why};
    }

private:
    SmtpSettings m_settings;
    const CurlLibrary& m_lib;
    CURL* m_curl{nullptr};
};

}  // namespace

std::unique_ptr<MailTransport> make_smtp(const SmtpSettings& settings) {
    return std::make_unique<Smtp>(settings);
}

}  // namespace convene::io
