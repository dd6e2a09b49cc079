# Writes the shell completion scripts the built binary prints, for `cmake --install`.
# Run after the build: cmake -DCONVENE=path/to/convene -DOUT=dir -P write_completions.cmake
foreach(shell_file IN ITEMS "bash;convene" "zsh;_convene" "fish;convene.fish")
  list(GET shell_file 0 shell)
  list(GET shell_file 1 file)
  execute_process(COMMAND "${CONVENE}" completion ${shell}
                  OUTPUT_FILE "${OUT}/${file}" RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "convene completion ${shell} failed: ${status}")
  endif()
endforeach()
