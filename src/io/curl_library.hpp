#pragma once
// libcurl, loaded when the first message is sent rather than when convene starts. Linked
// normally, it and the twenty-odd libraries it needs (TLS, Kerberos, LDAP, SSH, HTTP/2…) were
// mapped and relocated by every run, a third of the start-up of `convene --help`, for the one
// command that sends mail over SMTP.
#include <curl/curl.h>

namespace convene::io {

// The libcurl functions convene calls, with libcurl's own signatures.
struct CurlLibrary {
    CURLcode (*global_init)(long flags);
    void (*global_cleanup)();
    CURL* (*easy_init)();
    void (*easy_cleanup)(CURL* curl);
    void (*easy_reset)(CURL* curl);
    CURLcode (*easy_setopt)(CURL* curl, CURLoption option, ...);
    CURLcode (*easy_perform)(CURL* curl);
    CURLcode (*easy_getinfo)(CURL* curl, CURLINFO info, ...);
    const char* (*easy_strerror)(CURLcode code);
    curl_slist* (*slist_append)(curl_slist* list, const char* text);
    void (*slist_free_all)(curl_slist* list);
};

// Loads libcurl on first use (it stays loaded); a DeliveryError when it cannot be found.
const CurlLibrary& curl_library();

}  // namespace convene::io
