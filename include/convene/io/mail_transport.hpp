#pragma once
// Handing finished e-mail messages to a mail system: a sendmail-compatible command
// (`sendmail -t -i`, msmtp, …) or an SMTP server through libcurl. Neither writes SMTP by hand.
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "convene/error.hpp"

namespace convene::io {

// What the mail system said about one message.
struct Delivery {
    bool accepted{false};
    // Refused for good (an SMTP 5xx, sendmail's EX_NOUSER, an address the server cannot
    // take): trying again will not help. Otherwise a refusal is temporary (4xx, EX_TEMPFAIL).
    bool permanent{false};
    std::string detail;  // why not, with the mail system's own words when it gave any
};

// The mail system stopped answering after it may have taken the message (a sendmail command
// past mail.timeout, an SMTP server silent after the message's data): it may have gone out.
// Every other DeliveryError from a transport means that this message did not.
struct DeliveryInDoubt : DeliveryError {
    using DeliveryError::DeliveryError;
};

class MailTransport {
public:
    virtual ~MailTransport() = default;
    // Hands over one message (CRLF line ends) for `to`. A refusal of this message is a
    // Delivery with accepted == false; a failure that would refuse every message (the command
    // cannot run, the server cannot be reached, the login is refused) is a DeliveryError.
    virtual Delivery deliver(std::string_view from, std::string_view to,
                             std::string_view message) = 0;
};

// Runs `command` (words separated by blanks, no shell) once per message with the message on
// its standard input; exit status 0 means accepted. The command must read the recipients from
// the message's headers (sendmail's -t). Its standard output goes to our standard error.
// A command still running after `timeout` is stopped, and the run with it (DeliveryError):
// the message may or may not have gone out.
std::unique_ptr<MailTransport> make_sendmail(const std::string& command,
                                             std::chrono::seconds timeout);

struct SmtpSettings {
    std::string url;  // smtp://host:587 (STARTTLS) or smtps://host:465
    std::string user;
    std::string password;
    // PEM certificates of the authorities to trust instead of the system's (a server whose
    // certificate an organisation's own authority signed); empty: the system's.
    std::string ca_file;
    // Connecting, and each reply of the server, may take this long (mail.timeout).
    std::chrono::seconds timeout{60};
};

// One connection, reused for every message. With a user and password the session must be
// encrypted (STARTTLS is required on smtp://); without, STARTTLS is used when offered.
// An address whose local part is not ASCII goes out only with SMTPUTF8 (RFC 6531), when the
// server offers it; otherwise it is refused for good without being sent.
std::unique_ptr<MailTransport> make_smtp(const SmtpSettings& settings);

}  // namespace convene::io
