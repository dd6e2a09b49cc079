#pragma once
// The mail system refused some messages or could not be used: exit status 7.
// (Kept beside error.hpp for now; it belongs in its ExitCode table as `delivery = 7`.)
#include "convene/error.hpp"

namespace convene {

inline constexpr auto k_delivery_exit = static_cast<ExitCode>(7);

struct DeliveryError : Error {
    explicit DeliveryError(const std::string& what, std::string hint = {})
        : Error(k_delivery_exit, what, std::move(hint)) {}
};

}  // namespace convene
