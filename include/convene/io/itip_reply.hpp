#pragma once
// Reading an attendee's iTIP REPLY (RFC 5546 §3.2.3): a .ics file, or a whole e-mail with a
// text/calendar part as a mail client sends it. The calendar is parsed by libical.
#include <cstdint>
#include <string>
#include <string_view>

#include "convene/domain/event.hpp"

namespace convene::io {

struct ItipReply {
    std::string uid;
    std::int64_t sequence{0};
    std::string attendee;     // the address, without mailto:
    std::string partstat;     // ACCEPTED, DECLINED, TENTATIVE, DELEGATED, as written (upper case)
    domain::Instant stamp{};  // DTSTAMP
};

// The text/calendar part of an e-mail (multipart or not; base64, quoted-printable or plain),
// or `input` itself when it is already an iCalendar object. A BadInputError naming `source`
// when there is none.
std::string calendar_text(std::string_view input, std::string_view source);

// Parses a REPLY. Anything else (another METHOD, no VEVENT, not exactly one ATTENDEE, no
// PARTSTAT or two, no DTSTAMP or one that is not a date-time, several VEVENTs that do not
// give the same UID, SEQUENCE, attendee and answer) is a BadInputError naming `source`.
ItipReply parse_reply(std::string_view input, std::string_view source);

}  // namespace convene::io
