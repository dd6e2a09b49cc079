// ical_classify NEW.ics HELD.ics USER: how libical's icalclassify rates an incoming iTIP
// message against the one a calendar already holds for the same UID (e.g. REQUEST-NEW,
// REQUEST-UPDATE, REQUEST-RESCHEDULE, OBSOLETE). Prints the class; exit 2 when a file cannot
// be read. The tests use it to show that a person who got a CANCEL does not see the next
// invitation as out of date.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <libical/ical.h>
#include <libical/icalss.h>

namespace {

icalcomponent* read(const char* path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return nullptr;
    std::ostringstream text;
    text << in.rdbuf();
    return icalparser_parse_string(text.str().c_str());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: ical_classify NEW.ics HELD.ics USER\n";
        return 2;
    }
    icalcomponent* incoming = read(argv[1]);
    icalcomponent* held = read(argv[2]);
    if (!incoming || !held) {
        std::cerr << "ical_classify: cannot read the files\n";
        return 2;
    }
    const char* name = icalproperty_enum_to_string(icalclassify(incoming, held, argv[3]));
    std::cout << (name ? name : "?") << '\n';
    icalcomponent_free(incoming);
    icalcomponent_free(held);
    return 0;
}
