package dev.resolute.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = ResoluteCli.class.getPackage().getImplementationVersion();
    return new String[] {"resolute " + (version == null ? "(development build)" : version)};
  }
}
