// convene: thin main. Build the app, parse, run the chosen command, one catch, exit code.
#include <iostream>

#include "convene/cli/app.hpp"

int main(int argc, char** argv) { return convene::cli::run_app(argc, argv, std::cout, std::cerr); }
