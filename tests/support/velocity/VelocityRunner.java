// Renders an API Gateway mapping template with Apache Velocity 1.7 (Debian's velocity package), the engine API
// Gateway's templates are written for. $util.escapeJavaScript is commons-lang's StringEscapeUtils.escapeJavaScript
// ("Escapes the characters in a string using JavaScript string rules", API Gateway's reference for $util).
// Usage: java -cp ... VelocityRunner, then one case per line on stdin: base64(template) TAB base64(message); each
// answer is one line of base64 on stdout, flushed, so one JVM serves a whole test module.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.lang.StringEscapeUtils;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;

public class VelocityRunner {
    public static class Util {
        public String escapeJavaScript(String value) {
            return StringEscapeUtils.escapeJavaScript(value);
        }
    }

    public static void main(String[] args) throws Exception {
        VelocityEngine engine = new VelocityEngine();
        engine.setProperty("runtime.log.logsystem.class", "org.apache.velocity.runtime.log.NullLogChute");
        engine.init();
        BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            String[] parts = line.split("\t", -1);
            String template = new String(Base64.getDecoder().decode(parts[0]), StandardCharsets.UTF_8);
            String message = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            Map<String, Object> error = new HashMap<>();
            error.put("message", message);
            error.put("messageString", "\"" + message + "\"");
            error.put("validationErrorString", message);
            Map<String, Object> context = new HashMap<>();
            context.put("error", error);
            context.put("requestId", "request-1");
            VelocityContext variables = new VelocityContext();
            variables.put("context", context);
            variables.put("util", new Util());
            StringWriter out = new StringWriter();
            engine.evaluate(variables, out, "template", template);
            System.out.println(Base64.getEncoder().encodeToString(out.toString().getBytes(StandardCharsets.UTF_8)));
            System.out.flush();
        }
    }
}
