#include "convene/export/rich_text.hpp"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <vector>

#include <cmark.h>
#include <fmt/format.h>

#include "convene/text/markdown.hpp"

namespace convene::rich {

namespace {

struct NodeDeleter {
    void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using Document = std::unique_ptr<cmark_node, NodeDeleter>;

struct IterDeleter {
    void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};
using Iter = std::unique_ptr<cmark_iter, IterDeleter>;

Document parse(std::string_view markdown) {
    return Document(cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT));
}

std::string_view url_of(cmark_node* node) {
    const char* url = cmark_node_get_url(node);
    return url ? std::string_view(url) : std::string_view();
}

std::string_view literal(cmark_node* node) {
    const char* text = cmark_node_get_literal(node);
    return text ? std::string_view(text) : std::string_view();
}

bool is_block(cmark_node_type type) {
    return type >= CMARK_NODE_FIRST_BLOCK && type <= CMARK_NODE_LAST_BLOCK;
}

// Appends `block` with every line after the first starting with `indent`.
void append_indented(std::string& out, std::string_view block, std::string_view indent) {
    for (const char c : block) {
        out += c;
        if (c == '\n') out += indent;
    }
}

// One node being rendered: the text of its children so far. The walk keeps these on a
// vector, not on the call stack: a description of 32,000 nested quotes (`> > > …`) is valid
// CommonMark, and a recursive walk of it overflowed the stack.
struct Frame {
    cmark_node* node;
    std::string text;
    int number{0};  // a list's next item number
};

// Quotes and list items deeper than this lose their own marks ("> ", indentation) and read as
// plain paragraphs: each level re-indents everything inside it, so a deep tree would cost the
// square of its size. Validation refuses such descriptions (text::k_max_markdown_depth);
// this bounds the cost for one stored by another program.
constexpr std::size_t k_marked_levels = 2 * text::k_max_markdown_depth;

// The plain text of a node from its children's text.
std::string finish(Frame& frame, std::size_t marked_depth) {
    auto* node = frame.node;
    switch (cmark_node_get_type(node)) {
        case CMARK_NODE_BLOCK_QUOTE: {
            if (marked_depth > k_marked_levels) return std::move(frame.text);
            std::string out = "> ";
            append_indented(out, frame.text, "> ");
            return out;
        }
        case CMARK_NODE_LINK: {
            const std::string_view url = url_of(node);
            std::string out = std::move(frame.text);
            if (!url.empty() && url != out && "mailto:" + out != url) {
                out += fmt::format(" ({})", url);
            }
            return out;
        }
        case CMARK_NODE_IMAGE: return fmt::format("{} ({})", frame.text, url_of(node));
        default: return std::move(frame.text);
    }
}

// A leaf's plain text (leaves have no EXIT event).
std::string leaf(cmark_node* node) {
    switch (cmark_node_get_type(node)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_HTML_INLINE: return std::string(literal(node));
        case CMARK_NODE_SOFTBREAK: return " ";
        case CMARK_NODE_LINEBREAK: return "\n";
        case CMARK_NODE_CODE_BLOCK:
        case CMARK_NODE_HTML_BLOCK: {
            auto text = literal(node);
            while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
            return std::string(text);
        }
        case CMARK_NODE_THEMATIC_BREAK: return "---";
        default: return {};
    }
}

// Adds a finished child's text to its parent: blocks apart by a blank line (empty ones
// dropped), list items with their marker, inline text as it comes.
void add_child(Frame& parent, cmark_node* child, std::string text, std::size_t marked_depth) {
    if (!is_block(cmark_node_get_type(child))) {
        if (parent.text.empty()) {
            parent.text = std::move(text);
        } else {
            parent.text += text;
        }
        return;
    }
    if (cmark_node_get_type(parent.node) == CMARK_NODE_LIST) {
        const bool ordered = cmark_node_get_list_type(parent.node) == CMARK_ORDERED_LIST;
        const bool tight = cmark_node_get_list_tight(parent.node) != 0;
        const std::string marker = ordered ? fmt::format("{}. ", parent.number++) : "- ";
        if (!parent.text.empty()) parent.text += tight ? "\n" : "\n\n";
        if (marked_depth > k_marked_levels) {
            parent.text += text;
            return;
        }
        parent.text += marker;
        append_indented(parent.text, text, std::string(marker.size(), ' '));
        return;
    }
    if (text.empty()) return;
    if (parent.text.empty()) {
        parent.text = std::move(text);  // no copy per level down a chain of single children
        return;
    }
    parent.text += "\n\n";
    parent.text += text;
}

// Nodes that cmark's iterator enters without leaving (they have no children).
bool is_leaf(cmark_node* node) {
    switch (cmark_node_get_type(node)) {
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

bool marks_depth(cmark_node* node) {
    const auto type = cmark_node_get_type(node);
    return type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST;
}

struct Freer {
    void operator()(char* text) const { std::free(text); }
};

// Links a page may offer (the same as the page's own links): anything else, `javascript:`,
// `data:`, a relative path that would resolve against wherever the page is opened, is text.
bool safe_link(std::string_view url) {
    return url.starts_with("https://") || url.starts_with("http://") ||
           url.starts_with("mailto:") || url.starts_with("tel:");
}

// Moves `node`'s children before it, then removes it: its text stays, its markup goes.
void unwrap(cmark_node* node) {
    while (auto* child = cmark_node_first_child(node)) cmark_node_insert_before(node, child);
    cmark_node_free(node);
}

// The page loads nothing from elsewhere: an image becomes a link to it (when its scheme is
// one a page may offer) with its description as the link's text. Other links lose their link.
void make_safe(cmark_node* document) {
    std::vector<cmark_node*> links;
    std::vector<cmark_node*> images;
    Iter iter(cmark_iter_new(document));
    for (auto event = cmark_iter_next(iter.get()); event != CMARK_EVENT_DONE;
         event = cmark_iter_next(iter.get())) {
        if (event != CMARK_EVENT_ENTER) continue;
        auto* node = cmark_iter_get_node(iter.get());
        const auto type = cmark_node_get_type(node);
        if (type == CMARK_NODE_IMAGE) images.push_back(node);
        if (type == CMARK_NODE_LINK && !safe_link(url_of(node))) links.push_back(node);
    }
    iter.reset();
    for (auto* image : images) {
        const std::string url(url_of(image));
        if (!safe_link(url)) {
            unwrap(image);
            continue;
        }
        auto* link = cmark_node_new(CMARK_NODE_LINK);
        cmark_node_set_url(link, url.c_str());
        while (auto* child = cmark_node_first_child(image)) cmark_node_append_child(link, child);
        cmark_node_replace(image, link);
        cmark_node_free(image);
    }
    // Innermost first does not matter: unwrapping keeps the children, links inside included.
    for (auto* link : links) unwrap(link);
}

}  // namespace

std::string to_plain(std::string_view markdown) {
    const auto document = parse(markdown);
    std::vector<Frame> frames;
    std::size_t marked_depth = 0;  // quotes and lists open around the current node
    std::string result;
    Iter iter(cmark_iter_new(document.get()));
    for (auto event = cmark_iter_next(iter.get()); event != CMARK_EVENT_DONE;
         event = cmark_iter_next(iter.get())) {
        auto* node = cmark_iter_get_node(iter.get());
        if (event == CMARK_EVENT_ENTER && is_leaf(node)) {
            if (!frames.empty()) add_child(frames.back(), node, leaf(node), marked_depth);
        } else if (event == CMARK_EVENT_ENTER) {
            if (marks_depth(node)) ++marked_depth;
            frames.push_back({node, {}, cmark_node_get_list_start(node)});
        } else {
            Frame frame = std::move(frames.back());
            frames.pop_back();
            std::string text = finish(frame, marked_depth);
            if (marks_depth(node)) --marked_depth;
            if (frames.empty()) {
                result = std::move(text);
            } else {
                add_child(frames.back(), node, std::move(text), marked_depth);
            }
        }
    }
    return result;
}

std::string to_html(std::string_view markdown, int lowest_heading) {
    const auto document = parse(markdown);
    make_safe(document.get());
    Iter iter(cmark_iter_new(document.get()));
    for (auto event = cmark_iter_next(iter.get()); event != CMARK_EVENT_DONE;
         event = cmark_iter_next(iter.get())) {
        auto* node = cmark_iter_get_node(iter.get());
        if (event == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING) {
            cmark_node_set_heading_level(
                node, std::min(6, std::max(lowest_heading, cmark_node_get_heading_level(node))));
        }
    }
    iter.reset();
    // CMARK_OPT_DEFAULT is safe since cmark 0.29: raw HTML becomes a comment and unsafe URLs
    // become empty; CMARK_OPT_UNSAFE is never passed.
    std::unique_ptr<char, Freer> html(cmark_render_html(document.get(), CMARK_OPT_DEFAULT));
    return html ? std::string(html.get()) : std::string();
}

}  // namespace convene::rich
