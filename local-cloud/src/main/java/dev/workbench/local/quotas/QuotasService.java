package dev.workbench.local.quotas;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.http.AwsException;
import dev.workbench.local.http.AwsRequest;
import dev.workbench.local.http.AwsResponse;
import dev.workbench.local.http.AwsService;
import dev.workbench.local.http.JsonBodies;
import dev.workbench.local.spi.CloudStats;
import java.util.Map;
import java.util.TreeMap;

/**
 * ListServiceQuotas and GetServiceQuota for service code {@code sagemaker}, answering the quotas given in the
 * config (by name; codes derived from the names, as stable as AWS's {@code L-...} ones). Other service codes have
 * none here; an unknown code is NoSuchResourceException, as AWS answers.
 */
public final class QuotasService implements AwsService {

    private static final String TARGET_PREFIX = "ServiceQuotasV20190624.";
    private static final String SERVICE = "sagemaker";

    private final Map<String, Double> quotas;
    private final String region;
    private final String accountId;
    private final CloudStats stats;

    public QuotasService(Map<String, Double> quotas, String region, String accountId, CloudStats stats) {
        this.quotas = new TreeMap<>(quotas);
        this.region = region;
        this.accountId = accountId;
        this.stats = stats;
    }

    @Override
    public String signingName() {
        return "servicequotas";
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        String target = request.header("X-Amz-Target").orElse("");
        String op = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : "";
        ObjectNode in = JsonBodies.body(request);
        stats.count("servicequotas." + op);
        return switch (op) {
            case "ListServiceQuotas" -> JsonBodies.reply(list(serviceCode(in)));
            case "GetServiceQuota" -> JsonBodies.reply(get(serviceCode(in), in.path("QuotaCode").asText("")));
            default -> throw new AwsException(400, "UnknownOperationException", "The operation '"
                    + (op.isEmpty() ? target : op) + "' is not supported by local-cloud's Service Quotas (it serves "
                    + "GetServiceQuota, ListServiceQuotas).");
        };
    }

    private static String serviceCode(ObjectNode in) {
        String code = in.path("ServiceCode").asText("");
        if (code.isEmpty()) {
            throw AwsException.validation("ServiceCode is required");
        }
        return code;
    }

    private ObjectNode list(String service) {
        ObjectNode out = JsonBodies.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("Quotas");
        if (service.equals(SERVICE)) {
            quotas.forEach((name, value) -> list.add(quota(name, value)));
        }
        return out;
    }

    private ObjectNode get(String service, String code) {
        for (Map.Entry<String, Double> e : quotas.entrySet()) {
            if (service.equals(SERVICE) && code(e.getKey()).equals(code)) {
                ObjectNode out = JsonBodies.MAPPER.createObjectNode();
                out.set("Quota", quota(e.getKey(), e.getValue()));
                return out;
            }
        }
        throw new AwsException(400, "NoSuchResourceException", "The request failed because the specified quota "
                + code + " of service " + service + " does not exist.");
    }

    private ObjectNode quota(String name, double value) {
        ObjectNode q = JsonBodies.MAPPER.createObjectNode();
        q.put("ServiceCode", SERVICE);
        q.put("ServiceName", "Amazon SageMaker");
        q.put("QuotaCode", code(name));
        q.put("QuotaName", name);
        q.put("QuotaArn", "arn:aws:servicequotas:" + region + ":" + accountId + ":" + SERVICE + "/" + code(name));
        q.put("Value", value);
        q.put("Unit", "None");
        q.put("Adjustable", true);
        q.put("GlobalQuota", false);
        return q;
    }

    private static String code(String name) {
        return "L-" + String.format("%08X", name.hashCode());
    }
}
