package dev.partnerconsent.diagnostics;

import java.util.List;

/**
 * One catalogue entry: what a failure means for this app and exactly how to fix it.
 *
 * @param code    the code it explains
 * @param title   one line, shown as the page heading
 * @param meaning what it means for PartnerConsent
 * @param causes  the likely causes, most likely first
 * @param fix     what to change, in words
 * @param status  the HTTP status a failure with this code answers with, unless the code that raises it says otherwise
 * @param portal  where in the Azure / Partner Center portal, if anywhere
 * @param command a PowerShell or {@code az} command that fixes or checks it, if any
 * @param doc     a Microsoft documentation link
 */
public record Explanation(String code, String title, String meaning, List<String> causes, String fix,
                          int status, String portal, String command, String doc) {
}
