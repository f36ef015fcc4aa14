package dev.partnerconsent.http;

import dev.partnerconsent.diagnostics.Explanation;
import dev.partnerconsent.diagnostics.Failure;

import java.util.List;

/**
 * A failure as the API answers it (JSON-B): the code, the status, what happened, and the catalogue's meaning, causes
 * and fix.
 */
public record ErrorAnswer(String error, int status, String title, String detail, String meaning, List<String> causes,
                          String fix, String doc) {

    public ErrorAnswer {
        causes = List.copyOf(causes);
    }

    static ErrorAnswer of(Failure failure, Explanation x) {
        return new ErrorAnswer(failure.code(), failure.httpStatus(), x.title(), failure.detail(), x.meaning(), x.causes(),
                x.fix(), x.doc());
    }
}
