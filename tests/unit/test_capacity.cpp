#include <catch2/catch.hpp>

#include "convene/domain/capacity.hpp"

using convene::domain::RegistrationStatus;
using convene::domain::SeatCounter;

TEST_CASE("without a capacity everyone gets a seat", "[capacity]") {
    SeatCounter seats(std::nullopt, 1000, 0);
    CHECK(seats.place().status == RegistrationStatus::registered);
    CHECK(seats.place().waitlist_position == 0);
    CHECK_FALSE(seats.seats_free());
}

TEST_CASE("registrations past the capacity wait, at the next position", "[capacity]") {
    SeatCounter seats(2, 0, 0);
    CHECK(seats.place().status == RegistrationStatus::registered);
    seats.add(RegistrationStatus::registered);
    seats.add(RegistrationStatus::registered);
    CHECK(*seats.seats_free() == 0);
    auto first = seats.place();
    CHECK(first.status == RegistrationStatus::waitlisted);
    CHECK(first.waitlist_position == 1);
    seats.add(first.status);
    CHECK(seats.place().waitlist_position == 2);
}

TEST_CASE("a newcomer waits while anyone waits, even with a seat free", "[capacity]") {
    SeatCounter seats(5, 2, 1);
    CHECK(seats.promotable() == 1);
    const auto placement = seats.place();
    CHECK(placement.status == RegistrationStatus::waitlisted);
    CHECK(placement.waitlist_position == 2);
    SeatCounter unlimited(std::nullopt, 2, 1);
    CHECK(unlimited.place().status == RegistrationStatus::waitlisted);
}

TEST_CASE("a capacity of zero waitlists everyone", "[capacity]") {
    SeatCounter seats(0, 0, 0);
    CHECK(seats.place().status == RegistrationStatus::waitlisted);
}

TEST_CASE("a freed seat promotes one waiting person", "[capacity]") {
    SeatCounter seats(2, 2, 3);
    CHECK(seats.promotable() == 0);
    seats.change(RegistrationStatus::registered, RegistrationStatus::cancelled);
    CHECK(seats.promotable() == 1);
    seats.change(RegistrationStatus::waitlisted, RegistrationStatus::registered);
    CHECK(seats.promotable() == 0);
    CHECK(seats.registered() == 2);
    CHECK(seats.waitlisted() == 2);
}

TEST_CASE("cancelling a waiting person frees no seat", "[capacity]") {
    SeatCounter seats(2, 2, 3);
    seats.change(RegistrationStatus::waitlisted, RegistrationStatus::cancelled);
    CHECK(seats.promotable() == 0);
}

TEST_CASE("a raised capacity promotes as many as it frees, none without waiting people",
          "[capacity]") {
    CHECK(SeatCounter(5, 2, 10).promotable() == 3);
    CHECK(SeatCounter(5, 2, 1).promotable() == 1);
    CHECK(SeatCounter(std::nullopt, 2, 4).promotable() == 4);
    CHECK(SeatCounter(5, 2, 0).promotable() == 0);
}

TEST_CASE("a capacity lowered below the registered count demotes nobody", "[capacity]") {
    SeatCounter seats(1, 3, 0);
    CHECK(*seats.seats_free() == 0);
    CHECK(seats.place().status == RegistrationStatus::waitlisted);
}
