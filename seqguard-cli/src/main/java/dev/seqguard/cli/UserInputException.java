package dev.seqguard.cli;

/** A problem with what the user gave us (file, option, content): reported as one line, exit code 2. */
public final class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }
}
