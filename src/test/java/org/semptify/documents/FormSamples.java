package org.semptify.documents;

import java.util.LinkedHashMap;
import java.util.Map;

/** A valid answer to each form, signed, and the text each must put into its document. */
final class FormSamples {
  private FormSamples() {}

  static Map<String, String> valid(String form) {
    Map<String, String> fields = new LinkedHashMap<>();
    switch (form) {
      case "witness_statement" -> {
        fields.put("full_name", "María Núñez");
        fields.put("contact", "maria@example.org");
        fields.put("statement", "On 2026-03-02 I saw water pouring through the ceiling.");
        fields.put("date", "2026-03-31");
      }
      case "filing_packet" -> {
        fields.put("title", "Tenant evidence, Núñez v. Acme Rentals");
        fields.put("summary", "The landlord did not repair the roof.");
        fields.put("issues", "Habitability; retaliation");
        fields.put("parties", "María Núñez (tenant); Acme Rentals (landlord)");
        fields.put("date", "2026-03-31");
        fields.put(
            "timeline", "2026-02-10 - Second repair request\n2026-01-05 - Reported the leak\n");
      }
      case "service_animal" -> {
        fields.put("tenant_name", "María Núñez");
        fields.put("landlord_name", "Acme Rentals");
        fields.put("property_address", "12 Elm Street, Apt 3");
        fields.put("date", "2026-03-31");
        fields.put("animal_description", "Luna, a small dog who alerts me before seizures");
        fields.put("need_summary", "My doctor recommends an assistance animal.");
      }
      case "move_checklist" -> {
        fields.put("address", "12 Elm Street, Apt 3");
        fields.put("date", "2026-03-31");
        fields.put("room_kitchen", "Oven door cracked");
        fields.put("notes", "Landlord present for the walkthrough");
      }
      case "repair_request" -> {
        fields.put("landlord_name", "Acme Rentals");
        fields.put("landlord_address", "1 Main Street, Springfield, IL 62701");
        fields.put("tenant_name", "María Núñez");
        fields.put("tenant_address", "12 Elm Street, Apt 3, Springfield, IL 62704");
        fields.put("date", "2026-11-30");
        fields.put(
            "problems",
            "The bathroom ceiling leaks when it rains, since October 2; the ceiling is stained"
                + " and the floor is wet.\n\nThe heater in the bedroom does not work since"
                + " November 10; my children sleep in the living room.");
        fields.put("earlier_notices", "By phone on 2026-10-03 and by text message on 2026-11-12.");
        fields.put("deadline_days", "14");
      }
      default -> throw new IllegalArgumentException(form);
    }
    return fields;
  }

  static Map<String, String> signed(String form) {
    Map<String, String> fields = valid(form);
    fields.put("sig_name", "María Núñez");
    fields.put("sig_consented", "on");
    return fields;
  }

  /** Text the saved document must contain: each form's key fields. */
  static String[] keyText(String form) {
    return switch (form) {
      case "witness_statement" ->
          new String[] {
            "María Núñez",
            "water pouring through the ceiling",
            "28 U.S.C. § 1746",
            "/s/ María Núñez",
            "Executed on March 31, 2026."
          };
      case "filing_packet" ->
          new String[] {
            "Núñez v. Acme Rentals",
            "Reported the leak",
            "Evidence Index",
            "Cover Page",
            "Final Page"
          };
      case "service_animal" ->
          new String[] {"Acme Rentals", "12 Elm Street", "Fair Housing Act", "Luna, a small dog"};
      case "move_checklist" ->
          new String[] {"12 Elm Street", "Oven door cracked", "Keys returned", "/s/ María Núñez"};
      case "repair_request" ->
          new String[] {
            "Request for Repairs",
            "November 30, 2026",
            "Dear Acme Rentals",
            "1. The bathroom ceiling leaks",
            "2. The heater in the bedroom",
            "within 14 days",
            "by December 14,",
            "Sincerely,",
            "/s/ María Núñez"
          };
      default -> throw new IllegalArgumentException(form);
    };
  }
}
