// Which colour is which service, for the services of this trace (in order of first appearance).
import { serviceColor } from './service-color';

export function ServiceLegend({ services }: { services: readonly string[] }) {
  if (services.length === 0) return null;
  return (
    <ul className="service-legend" aria-label="Services">
      {services.map((service) => (
        <li key={service}>
          <span className="span-row-swatch" style={{ backgroundColor: serviceColor(service) }} />
          {service}
        </li>
      ))}
      <li>
        <span className="span-row-swatch legend-error" />
        error
      </li>
    </ul>
  );
}
