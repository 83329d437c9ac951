package nl.baken.proactive;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of business event the intake accepts; each has its own schema for {@link BusinessEvent#data()}. */
public enum BusinessEventType {

	ORDER_SHIPPED("order.shipped"), ORDER_DELAYED("order.delayed"), PARCEL_SCANNED("parcel.scanned"),
	DELIVERY_EXCEPTION("delivery.exception"), OUTAGE_REPORTED("outage.reported"), OUTAGE_RESOLVED("outage.resolved"),
	DEVICE_TELEMETRY("device.telemetry"), CHECKOUT_FAILED("checkout.failed");

	private final String code;

	BusinessEventType(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	public static Optional<BusinessEventType> fromCode(String code) {
		return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst();
	}
}
