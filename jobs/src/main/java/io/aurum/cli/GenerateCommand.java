package io.aurum.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder replaced below. */
@Command(name = "generate")
final class GenerateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return ExitCode.OK;
  }
}
