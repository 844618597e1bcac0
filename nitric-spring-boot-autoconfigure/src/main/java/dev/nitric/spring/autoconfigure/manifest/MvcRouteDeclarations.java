package dev.nitric.spring.autoconfigure.manifest;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.nitric.spring.manifest.RouteDeclaration;
import dev.nitric.spring.model.NitricApi;
import dev.nitric.spring.model.PublicRoute;
import dev.nitric.spring.model.RouteSecurity;
import dev.nitric.spring.model.SecurityRequirement;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Reads routes from Spring MVC's request mappings, so that a route's method and path are exactly what Spring MVC
 * serves (class-level prefixes and path configuration included).
 */
final class MvcRouteDeclarations implements RouteDeclarations {

	private final List<RequestMappingInfoHandlerMapping> mappings;

	MvcRouteDeclarations(List<RequestMappingInfoHandlerMapping> mappings) {
		this.mappings = mappings;
	}

	/**
	 * The route declarations of every {@link RequestMappingInfoHandlerMapping} bean, in order.
	 * @param beanFactory the bean factory holding the handler mappings
	 * @return the route declarations
	 */
	static MvcRouteDeclarations of(ListableBeanFactory beanFactory) {
		return new MvcRouteDeclarations(
				beanFactory.getBeanProvider(RequestMappingInfoHandlerMapping.class).orderedStream().toList());
	}

	@Override
	public List<RouteDeclaration> routes() {
		Map<Method, RouteDeclaration> routes = new LinkedHashMap<>();
		for (RequestMappingInfoHandlerMapping mapping : this.mappings) {
			for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
				HandlerMethod handler = entry.getValue();
				RouteDeclaration route = declaration(entry.getKey(), handler);
				if (route != null) {
					RouteDeclaration first = routes.get(handler.getMethod());
					routes.put(handler.getMethod(), (first != null) ? merge(first, route) : route);
				}
			}
		}
		List<RouteDeclaration> sorted = new ArrayList<>(routes.values());
		sorted.sort((a, b) -> a.handler().compareTo(b.handler()));
		return sorted;
	}

	private static @Nullable RouteDeclaration declaration(RequestMappingInfo info, HandlerMethod handler) {
		Method method = handler.getMethod();
		NitricApi api = AnnotatedElementUtils.findMergedAnnotation(method, NitricApi.class);
		if (api == null) {
			api = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), NitricApi.class);
		}
		boolean publicRoute = AnnotatedElementUtils.hasAnnotation(method, PublicRoute.class);
		Set<RouteSecurity> security = AnnotatedElementUtils.findMergedRepeatableAnnotations(method, RouteSecurity.class);
		if (api == null && !publicRoute && security.isEmpty()) {
			return null;
		}
		List<SecurityRequirement> requirements = new ArrayList<>(security.size());
		for (RouteSecurity annotation : security) {
			requirements.add(new SecurityRequirement(annotation.definition(), Arrays.asList(annotation.scopes())));
		}
		Set<String> methods = new TreeSet<>();
		for (RequestMethod requestMethod : info.getMethodsCondition().getMethods()) {
			methods.add(requestMethod.name());
		}
		return new RouteDeclaration(describe(handler), (api != null) ? api.value() : null, methods,
				new ArrayList<>(new TreeSet<>(info.getPatternValues())), publicRoute, requirements);
	}

	private static RouteDeclaration merge(RouteDeclaration first, RouteDeclaration second) {
		Set<String> methods = new TreeSet<>(first.methods());
		methods.addAll(second.methods());
		Set<String> paths = new TreeSet<>(first.paths());
		paths.addAll(second.paths());
		return new RouteDeclaration(first.handler(), first.api(), methods, new ArrayList<>(paths), first.publicRoute(),
				first.routeSecurity());
	}

	private static String describe(HandlerMethod handler) {
		return handler.getBeanType().getName() + "#" + handler.getMethod().getName();
	}

}
