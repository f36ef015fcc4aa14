package dev.partnerconsent.standin.entra;

/** HTML escaping and the page frame shared by the local Entra's pages. */
final class Html {

    private Html() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                // As references, CR LF survive a browser's newline normalisation (Entra's descriptions carry them).
                case '\r' -> out.append("&#13;");
                case '\n' -> out.append("&#10;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A centred card on a grey page, close enough to Microsoft's sign-in look for demos. */
    static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>
                  body { margin: 0; background: #f2f2f2; font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif;
                         color: #1b1b1b; }
                  main { max-width: 440px; margin: 48px auto; background: #fff; padding: 44px;
                         box-shadow: 0 2px 6px rgba(0,0,0,.2); }
                  .brand { font-size: 15px; font-weight: 600; color: #5e5e5e; letter-spacing: .02em; }
                  .brand::before { content: ""; display: inline-block; width: 12px; height: 12px; margin-right: 8px;
                         background: linear-gradient(90deg, #f25022 50%%, #7fba00 50%%); vertical-align: -1px; }
                  h1 { font-size: 24px; font-weight: 600; margin: 16px 0 12px; }
                  p { font-size: 15px; line-height: 1.4; }
                  label { display: block; font-size: 15px; font-weight: 600; margin: 18px 0 6px; }
                  input[type=text] { box-sizing: border-box; width: 100%%; font-size: 15px; padding: 6px 2px;
                         border: 0; border-bottom: 1px solid #666; outline: none; }
                  input[type=text]:focus { border-bottom-color: #0067b8; }
                  input[readonly] { color: #5e5e5e; border-bottom-style: dashed; }
                  .check { display: flex; gap: 10px; align-items: flex-start; margin-top: 22px; }
                  .check label { margin: 0; font-weight: 400; }
                  .hint { font-size: 13px; color: #5e5e5e; margin: 4px 0 0; }
                  .problem { color: #e81123; font-size: 15px; }
                  .scopes { font-size: 13px; color: #5e5e5e; padding-left: 18px; }
                  .buttons { display: flex; flex-direction: row-reverse; gap: 8px; margin-top: 28px; }
                  button { min-width: 108px; font-size: 15px; padding: 6px 12px; border: 1px solid transparent;
                         cursor: pointer; }
                  #signin { background: #0067b8; color: #fff; }
                  #signin:hover { background: #005da6; }
                  #cancel { background: #ccc; color: #1b1b1b; }
                  code, pre { font-family: Consolas, monospace; font-size: 13px; white-space: pre-wrap;
                         word-break: break-all; }
                  footer { text-align: center; font-size: 12px; color: #5e5e5e; }
                </style>
                </head>
                <body>
                <main>
                <div class="brand">Local Entra ID</div>
                %s
                </main>
                <footer>A test stand-in for Microsoft Entra ID. No real account is involved.</footer>
                </body>
                </html>
                """.formatted(escape(title), body);
    }
}
