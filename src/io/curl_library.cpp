#include "curl_library.hpp"

#include <dlfcn.h>

#include <fmt/format.h>

#include "convene/error.hpp"

#ifndef CONVENE_LIBCURL
#define CONVENE_LIBCURL "libcurl.so.4"
#endif

namespace convene::io {

namespace {

CurlLibrary load() {
    void* library = ::dlopen(CONVENE_LIBCURL, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char* why = ::dlerror();
        throw DeliveryError(fmt::format("cannot load libcurl: {}", why ? why : CONVENE_LIBCURL),
                            "install libcurl4 (Debian) to send over SMTP, or use mail.sendmail");
    }
    const auto symbol = [&]<typename F>(F*& function, const char* name) {
        function = reinterpret_cast<F*>(::dlsym(library, name));
        if (!function) throw DeliveryError(fmt::format("libcurl has no {}", name));
    };
    CurlLibrary curl{};
    symbol(curl.global_init, "curl_global_init");
    symbol(curl.global_cleanup, "curl_global_cleanup");
    symbol(curl.easy_init, "curl_easy_init");
    symbol(curl.easy_cleanup, "curl_easy_cleanup");
    symbol(curl.easy_reset, "curl_easy_reset");
    symbol(curl.easy_setopt, "curl_easy_setopt");
    symbol(curl.easy_perform, "curl_easy_perform");
    symbol(curl.easy_getinfo, "curl_easy_getinfo");
    symbol(curl.easy_strerror, "curl_easy_strerror");
    symbol(curl.slist_append, "curl_slist_append");
    symbol(curl.slist_free_all, "curl_slist_free_all");
    return curl;
}

}  // namespace

const CurlLibrary& curl_library() {
    static const CurlLibrary curl = load();
    return curl;
}

}  // namespace convene::io
