package dev.workbench.local.logs;

import dev.workbench.local.http.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * CloudWatch Logs' filter patterns for unstructured events: terms that must all appear ({@code ERROR timeout}),
 * quoted phrases ({@code "row 3"}), alternatives ({@code ?ERROR ?WARN}), exclusions ({@code ERROR -retrying}) and
 * regular expressions ({@code %row [0-9]+%}); case-sensitive, as CloudWatch matches. JSON and space-delimited
 * patterns ({@code {...}}, {@code [...]}) are refused by name.
 */
final class FilterPattern implements Predicate<String> {

    private final List<Predicate<String>> required = new ArrayList<>();
    private final List<Predicate<String>> anyOf = new ArrayList<>();
    private final List<Predicate<String>> excluded = new ArrayList<>();

    private FilterPattern() {
    }

    static FilterPattern parse(String pattern) {
        FilterPattern p = new FilterPattern();
        String text = pattern.trim();
        if (text.startsWith("{") || text.startsWith("[")) {
            throw new AwsException(400, "InvalidParameterException", "The local cloud supports term, phrase and"
                    + " %regex% filter patterns, not JSON or space-delimited ones: " + pattern);
        }
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            List<Predicate<String>> target = p.required;
            if (c == '?' || c == '-') {
                target = c == '?' ? p.anyOf : p.excluded;
                i++;
                if (i >= text.length()) {
                    break;
                }
                c = text.charAt(i);
            }
            int end;
            Predicate<String> term;
            if (c == '"') {
                end = text.indexOf('"', i + 1);
                if (end < 0) {
                    throw invalid(pattern, "an unterminated quoted phrase");
                }
                String phrase = text.substring(i + 1, end);
                term = m -> m.contains(phrase);
                end++;
            } else if (c == '%') {
                end = text.indexOf('%', i + 1);
                if (end < 0) {
                    throw invalid(pattern, "an unterminated %regex%");
                }
                Pattern regex = regex(pattern, text.substring(i + 1, end));
                term = m -> regex.matcher(m).find();
                end++;
            } else {
                end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                String word = text.substring(i, end);
                term = m -> m.contains(word);
            }
            target.add(term);
            i = end;
        }
        return p;
    }

    @Override
    public boolean test(String message) {
        for (Predicate<String> t : required) {
            if (!t.test(message)) {
                return false;
            }
        }
        for (Predicate<String> t : excluded) {
            if (t.test(message)) {
                return false;
            }
        }
        return anyOf.isEmpty() || anyOf.stream().anyMatch(t -> t.test(message));
    }

    private static Pattern regex(String pattern, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw invalid(pattern, "an invalid regular expression (" + e.getDescription() + ")");
        }
    }

    private static AwsException invalid(String pattern, String what) {
        return new AwsException(400, "InvalidParameterException", "Invalid filter pattern '" + pattern + "': " + what);
    }
}
