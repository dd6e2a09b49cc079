// libFuzzer: any text as a description. The renderers never recurse on its nesting (a
// thousand `> ` once overflowed the stack), the HTML never offers a link other than http,
// https, mailto or tel nor loads an image, and valid UTF-8 stays valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "convene/domain/limits.hpp"
#include "convene/export/rich_text.hpp"
#include "convene/text/markdown.hpp"
#include "convene/text/utf8.hpp"

namespace {

// Every href="…" in `html` starts with a scheme a page may offer.
void check_links(const std::string& html) {
    if (html.find("<img") != std::string::npos) std::abort();
    for (auto at = html.find("href=\""); at != std::string::npos;
         at = html.find("href=\"", at + 1)) {
        const std::string_view url = std::string_view(html).substr(at + 6);
        if (!url.starts_with("https://") && !url.starts_with("http://") &&
            !url.starts_with("mailto:") && !url.starts_with("tel:")) {
            std::abort();
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace convene;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto depth = text::markdown_depth(text);
    if (domain::markdown_problem("the description", text).has_value() !=
        (depth > text::k_max_markdown_depth && text.size() > text::k_max_markdown_depth)) {
        std::abort();
    }
    const auto plain = rich::to_plain(text);
    const auto html = rich::to_html(text);
    check_links(html);
    if (text::is_valid_utf8(text) && (!text::is_valid_utf8(plain) || !text::is_valid_utf8(html))) {
        std::abort();
    }
    return 0;
}
