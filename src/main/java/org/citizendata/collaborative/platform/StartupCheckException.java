package org.citizendata.collaborative.platform;

/** A setting that keeps the application from starting; its message is the one line shown. */
public class StartupCheckException extends RuntimeException {

    public StartupCheckException(String message) {
        super(message);
    }
}
