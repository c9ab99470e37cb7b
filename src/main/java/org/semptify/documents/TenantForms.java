package org.semptify.documents;

import java.util.List;

/** Every signed tenant form, in the order the resources hub lists them. */
public final class TenantForms {
  private static final List<TenantForm> ALL =
      List.of(
          new WitnessStatement(),
          new FilingPacket(),
          new ServiceAnimalRequest(),
          new MoveChecklist(),
          new RepairRequest());

  private TenantForms() {}

  public static List<TenantForm> all() {
    return ALL;
  }
}
