#include "gettext_lookup.hpp"

#include <clocale>
#include <cstdlib>
#include <optional>

#include <libintl.h>

#include "convene/l10n/locale.hpp"

// GNU gettext's documented way to make it re-read LANGUAGE ("Changing the language at
// runtime" in its manual).
extern "C" int _nl_msg_cat_cntr;

namespace convene::l10n {

namespace {

constexpr const char* k_domain = "convene";

// Binds the text domain once, to wherever the compiled catalogs are.
bool bound() {
    static const bool ok = [] {
        const auto dir = catalog_dir();
        if (dir.empty()) return false;
        bindtextdomain(k_domain, dir.c_str());
        bind_textdomain_codeset(k_domain, "UTF-8");
        return true;
    }();
    return ok;
}

// Sets an environment variable and LC_MESSAGES for one look-up, then puts them back, so that
// nothing else (strerror, a user's LANGUAGE) changes language: error messages stay English.
class ScopedLanguage {
public:
    explicit ScopedLanguage(const std::string& language) {
        if (const char* old = std::getenv("LANGUAGE")) m_old_language = old;
        if (const char* old = std::setlocale(LC_MESSAGES, nullptr)) m_old_messages = old;
        setenv("LANGUAGE", language.c_str(), 1);
        // gettext ignores LANGUAGE under the "C" locale; C.UTF-8 is built into glibc.
        if (!std::setlocale(LC_MESSAGES, "C.UTF-8")) std::setlocale(LC_MESSAGES, "C.utf8");
        ++_nl_msg_cat_cntr;
    }
    ~ScopedLanguage() {
        if (m_old_language) {
            setenv("LANGUAGE", m_old_language->c_str(), 1);
        } else {
            unsetenv("LANGUAGE");
        }
        std::setlocale(LC_MESSAGES, m_old_messages.c_str());
        ++_nl_msg_cat_cntr;
    }
    ScopedLanguage(const ScopedLanguage&) = delete;
    ScopedLanguage& operator=(const ScopedLanguage&) = delete;

private:
    std::optional<std::string> m_old_language;
    std::string m_old_messages{"C"};
};

}  // namespace

std::string gettext_lookup(const std::string& language, const char* message) {
    if (!bound()) return message;
    ScopedLanguage scope(language);
    return dgettext(k_domain, message);
}

}  // namespace convene::l10n
