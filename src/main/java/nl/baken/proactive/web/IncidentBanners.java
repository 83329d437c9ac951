package nl.baken.proactive.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.baken.customer.Brands;
import nl.baken.proactive.Incident;
import nl.baken.proactive.Incidents;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The banner of open incidents on the public help center and contact page: their public title and current status
 * (always rendered as text by the page). Added to the model of those pages' views, so the help center needs to know
 * nothing about incidents.
 */
@Configuration
class IncidentBanners implements WebMvcConfigurer {

	/** A page shows at most this many incidents, newest first. */
	private static final int MAX_BANNERS = 5;

	private final Incidents incidents;

	private final Brands brands;

	IncidentBanners(Incidents incidents, Brands brands) {
		this.incidents = incidents;
		this.brands = brands;
	}

	public record Banner(String brand, String titleNl, String titleEn, String statusNl, String statusEn,
			Instant expectedEnd) {

		public String title(String language) {
			return "en".equals(language) ? titleEn : titleNl;
		}

		public String status(String language) {
			return "en".equals(language) ? statusEn : statusNl;
		}
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
					ModelAndView view) {
				if (view != null && view.getViewName() != null && view.getViewName().startsWith("help/")) {
					view.addObject("incidentBanners", banners());
				}
			}
		}).addPathPatterns("/help", "/help/**", "/contact", "/contact/**");
	}

	List<Banner> banners() {
		List<Incident> open = incidents.list(true, MAX_BANNERS);
		if (open.isEmpty()) {
			return List.of();
		}
		Map<String, String> names = brands.all()
			.stream()
			.collect(Collectors.toMap(Brands.Brand::id, Brands.Brand::name));
		return open.stream()
			.map(i -> new Banner(i.brandId() == null ? null : names.get(i.brandId()), i.titleNl(), i.titleEn(),
					i.current().statusNl(), i.current().statusEn(), i.current().expectedEnd()))
			.toList();
	}
}
