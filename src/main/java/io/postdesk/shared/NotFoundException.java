package io.postdesk.shared;

/** A requested thing does not exist (or is not visible to the caller, which must look the same). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " not found");
    }
}
