#include "convene/text/markdown.hpp"

#include <algorithm>
#include <memory>

#include <cmark.h>

namespace convene::text {

namespace {

struct NodeDeleter {
    void operator()(cmark_node* node) const { cmark_node_free(node); }
};

struct IterDeleter {
    void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};

// Nodes that cmark's iterator enters without leaving.
bool is_leaf(cmark_node_type type) {
    switch (type) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_HTML_INLINE:
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
        case CMARK_NODE_CODE_BLOCK:
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_THEMATIC_BREAK: return true;
        default: return false;
    }
}

}  // namespace

std::size_t markdown_depth(std::string_view markdown) {
    if (markdown.empty()) return 0;
    const std::unique_ptr<cmark_node, NodeDeleter> document(
        cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT));
    const std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(document.get()));
    std::size_t depth = 0;
    std::size_t deepest = 0;
    for (auto event = cmark_iter_next(iter.get()); event != CMARK_EVENT_DONE;
         event = cmark_iter_next(iter.get())) {
        const auto type = cmark_node_get_type(cmark_iter_get_node(iter.get()));
        if (type == CMARK_NODE_DOCUMENT || is_leaf(type)) continue;
        if (event == CMARK_EVENT_ENTER) {
            deepest = std::max(deepest, ++depth);
        } else {
            --depth;
        }
    }
    return deepest;
}

}  // namespace convene::text
