#include "convene/export/rich_text.hpp"

#include <algorithm>
#include <cstdlib>
#include <memory>

#include <cmark.h>
#include <fmt/format.h>

namespace convene::rich {

namespace {

struct NodeDeleter {
    void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using Document = std::unique_ptr<cmark_node, NodeDeleter>;

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

// The inline content of a block as one line of plain text.
void append_inlines(std::string& out, cmark_node* parent) {
    for (auto* node = cmark_node_first_child(parent); node; node = cmark_node_next(node)) {
        switch (cmark_node_get_type(node)) {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE:
            case CMARK_NODE_HTML_INLINE: out += literal(node); break;
            case CMARK_NODE_SOFTBREAK: out += ' '; break;
            case CMARK_NODE_LINEBREAK: out += '\n'; break;
            case CMARK_NODE_LINK: {
                std::string text;
                append_inlines(text, node);
                const std::string_view url = url_of(node);
                out += text;
                if (!url.empty() && url != text && "mailto:" + text != url) {
                    out += fmt::format(" ({})", url);
                }
                break;
            }
            case CMARK_NODE_IMAGE: {
                std::string text;
                append_inlines(text, node);
                out += fmt::format("{} ({})", text, url_of(node));
                break;
            }
            default:  // emphasis, strong, custom: their content only
                append_inlines(out, node);
        }
    }
}

// Appends `block` with every line after the first starting with `indent`.
void append_indented(std::string& out, std::string_view block, std::string_view indent) {
    for (const char c : block) {
        out += c;
        if (c == '\n') out += indent;
    }
}

std::string blocks(cmark_node* parent);

std::string block(cmark_node* node) {
    std::string out;
    switch (cmark_node_get_type(node)) {
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_HEADING: append_inlines(out, node); break;
        case CMARK_NODE_CODE_BLOCK:
        case CMARK_NODE_HTML_BLOCK: {
            auto text = literal(node);
            while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
            out += text;
            break;
        }
        case CMARK_NODE_THEMATIC_BREAK: out += "---"; break;
        case CMARK_NODE_BLOCK_QUOTE:
            out += "> ";
            append_indented(out, blocks(node), "> ");
            break;
        case CMARK_NODE_LIST: {
            const bool ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
            int number = cmark_node_get_list_start(node);
            const bool tight = cmark_node_get_list_tight(node) != 0;
            for (auto* item = cmark_node_first_child(node); item; item = cmark_node_next(item)) {
                const std::string marker = ordered ? fmt::format("{}. ", number++) : "- ";
                if (!out.empty()) out += tight ? "\n" : "\n\n";
                out += marker;
                append_indented(out, blocks(item), std::string(marker.size(), ' '));
            }
            break;
        }
        default: out += blocks(node);
    }
    return out;
}

std::string blocks(cmark_node* parent) {
    std::string out;
    for (auto* node = cmark_node_first_child(parent); node; node = cmark_node_next(node)) {
        const auto text = block(node);
        if (text.empty()) continue;
        if (!out.empty()) out += "\n\n";
        out += text;
    }
    return out;
}

struct Freer {
    void operator()(char* text) const { std::free(text); }
};

}  // namespace

std::string to_plain(std::string_view markdown) {
    const auto document = parse(markdown);
    return blocks(document.get());
}

std::string to_html(std::string_view markdown, int lowest_heading) {
    const auto document = parse(markdown);
    auto* iter = cmark_iter_new(document.get());
    for (auto event = cmark_iter_next(iter); event != CMARK_EVENT_DONE;
         event = cmark_iter_next(iter)) {
        auto* node = cmark_iter_get_node(iter);
        if (event == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING) {
            cmark_node_set_heading_level(
                node, std::min(6, std::max(lowest_heading, cmark_node_get_heading_level(node))));
        }
    }
    cmark_iter_free(iter);
    // CMARK_OPT_DEFAULT is safe since cmark 0.29: raw HTML becomes a comment and unsafe URLs
    // become empty; CMARK_OPT_UNSAFE is never passed.
    std::unique_ptr<char, Freer> html(cmark_render_html(document.get(), CMARK_OPT_DEFAULT));
    return html ? std::string(html.get()) : std::string();
}

}  // namespace convene::rich
